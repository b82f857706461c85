"""Query budgets that do not grow with the data.

    from tests.querybudget import assert_flat_queries

    def test_list_has_a_flat_budget(client):
        assert_flat_queries(client, "/de/presse/", lambda n: make_releases(n))

``make_rows(n)`` adds n more rows of whatever the page lists. The page is
requested once with ``few`` rows and once with ``many``; the query count
must be the same. Returns the count so a test can also pin it.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context), [query["sql"] for query in context.captured_queries]


def assert_flat_queries(client, url: str, make_rows, few: int = 1, many: int = 500) -> int:
    make_rows(few)
    # One request first: per-process caches (ContentType's) fill once per
    # worker in production; the budget is what every later request costs.
    client.get(url)
    few_count, few_sql = count_queries(client, url)
    make_rows(many - few)
    many_count, many_sql = count_queries(client, url)
    assert few_count == many_count, (
        f"{url}: {few_count} queries with {few} rows but {many_count} with {many}.\n"
        + "\n".join(f"  {sql}" for sql in many_sql)
    )
    return few_count
