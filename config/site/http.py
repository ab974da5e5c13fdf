"""Small view decorators shared by the apps."""

from functools import wraps


def no_index(view):
    """Ask search engines not to index the response or follow its links.

    The header covers every response the view returns, HTML or not, which a
    ``<meta name="robots">`` tag in a template cannot.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper
