"""What the browser tests allow themselves must end with them.

Playwright's sync API makes its event loop count as running in the test thread,
and the browser tests allow Django's ORM calls anyway (DJANGO_ALLOW_ASYNC_UNSAFE).
Both last only while tests/browser/ runs; these tests sort after it, so a full run
proves that neither reaches the rest of the suite.
"""

import asyncio
import os

import pytest


def test_async_unsafe_orm_calls_are_not_allowed_here():
    assert "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ


def test_no_event_loop_is_left_running_in_the_test_thread():
    with pytest.raises(RuntimeError):
        asyncio.get_running_loop()
