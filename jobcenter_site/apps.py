from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class JobcenterSiteConfig(AppConfig):
    name = "jobcenter_site"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .pagecache import checks, policy  # noqa: F401 (system checks)
        from .search import index
        from .staff import audit  # noqa: F401 (security log receivers)
        from .staff.permission_names import rename_default_permissions

        policy.connect_signals()
        index.connect_signals()
        # Every app's, after auth created them (auth's receiver was connected first).
        post_migrate.connect(rename_default_permissions, dispatch_uid="german-permission-names")


class JobcenterAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with admin.site being the two-factor site."""

    default = False  # listed explicitly in INSTALLED_APPS
    default_site = "jobcenter_site.staff.site.JobcenterAdminSite"
