"""``{% clinic_todo as groups %}``: the clinic side of the admin home page's to-do queue."""

from django import template

from clinics.todo import todo_for

register = template.Library()


@register.simple_tag(takes_context=True)
def clinic_todo(context) -> list:
    return todo_for(context["request"].user)
