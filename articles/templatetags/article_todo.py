"""``{% article_todo as groups %}``: the articles side of the admin home page's to-do queue."""

from django import template

from articles.todo import todo_for

register = template.Library()


@register.simple_tag(takes_context=True)
def article_todo(context) -> list:
    return todo_for(context["request"].user)
