"""Mail workers at the same time: threads with their own database connections."""

import threading

from django.core.mail.backends.locmem import EmailBackend
from django.db import connections


def run_in_parallel(job, count: int = 2) -> list:
    """job() in `count` threads started together: their results; an error is raised here."""
    start, results, errors = threading.Barrier(count), [], []

    def worker():
        try:
            start.wait()
            results.append(job())
        except Exception as error:  # raised in the test's thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


class SlowBackend(EmailBackend):
    """Sending takes a moment, so the workers overlap."""

    def send_messages(self, messages):
        import time

        time.sleep(0.03)
        return super().send_messages(messages)
