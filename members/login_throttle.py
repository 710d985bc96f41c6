"""How django-axes names the account a login attempt was for."""

from django.contrib.auth import get_user_model

# No account name is longer than this; what someone types beyond it is not a name to remember,
# and storing it whole would overflow axes' column on PostgreSQL (a 500 instead of an answer).
LONGEST_USERNAME = get_user_model()._meta.get_field("username").max_length


def attempted_username(request, credentials):
    data = credentials or request.POST
    return (data.get("username") or "")[:LONGEST_USERNAME]
