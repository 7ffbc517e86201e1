from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect


@login_required
def home(request):
    """Each role lands where its work is."""
    user = request.user
    if user.is_unit_member:
        return redirect("ledger:my_unit")
    if user.is_leader:
        return redirect("ledger:my_tasks")
    return redirect("ledger:plans")
