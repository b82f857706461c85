"""Staff security: the two-factor admin site, its German middleware, the security log."""
