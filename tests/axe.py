"""Run axe-core (bundled with axe-playwright-python, so offline) and fail on violations."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_axe = Axe()


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core: {len(violations)} violation(s) on {url}"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


def axe_violations(page) -> list[dict]:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return results.response["violations"]


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
