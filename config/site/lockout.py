"""How django-axes forgets failed sign-ins after a successful one.

Failures are counted two ways (settings.AXES_LOCKOUT_PARAMETERS), and either count
reaching the limit locks: per account from any address (one password guessed from
many machines), and per address across accounts (one machine trying many accounts).

On a successful sign-in axes would delete every failure matching either count: all of
the account's, and all from the address, other accounts' included. Anyone with one
working account could then sign in between guesses at other accounts and never be
locked out. Here a successful sign-in clears only that account's failures from that
address (typically its owner's own typos); failures elsewhere run out with the cool-off.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt


class AxesHandler(AxesDatabaseHandler):
    def reset_user_attempts(self, request, credentials=None) -> int:
        _, deleted = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return deleted.get(AccessAttempt._meta.label, 0)
