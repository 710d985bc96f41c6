from django.http import Http404


def _todo(*args, **kwargs):  # replaced while the issue is under way
    raise Http404


session_list = session_detail = session_edit = session_set_status = _todo
