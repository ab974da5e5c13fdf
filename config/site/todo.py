"""The shape of the admin home page's to-do queue ("Waiting for you").

Each app contributes its own groups through a template tag (``{% clinic_todo %}`` in
clinics, ``{% article_todo %}`` in articles) that ``templates/admin/index.html``
loads, so the apps never import each other and config never imports them. A group
costs a bounded number of queries however many rows wait: a count and the first
``TODO_LIMIT`` rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TODO_LIMIT = 5


@dataclass(frozen=True)
class TodoItem:
    label: str
    url: str  # the item's admin page
    note: str = ""


@dataclass(frozen=True)
class TodoGroup:
    title: str
    total: int
    items: list[TodoItem] = field(default_factory=list)
    # The admin list with just these rows, when there is one.
    more_url: str = ""
    hint: str = ""  # what to do with these, in a few words

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def todo_group(
    title: str, queryset, item, *, more_url: str = "", hint: str = ""
) -> TodoGroup | None:
    """A group of the first TODO_LIMIT rows (``item(row)`` makes each), or None when empty."""
    total = queryset.count()
    if not total:
        return None
    items = [item(row) for row in queryset[:TODO_LIMIT]]
    return TodoGroup(title=title, total=total, items=items, more_url=more_url, hint=hint)
