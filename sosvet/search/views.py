from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from .finding import MAX_QUERY_LENGTH, MAX_RESULTS, QueryTooLong, find, words_of


@login_required
def search(request):
    """The header's search box: everything the login may see in its councils (finding.py)."""
    query = request.GET.get("q", "")
    hits, councils, problem = [], [], ""
    try:
        words = words_of(query)
    except QueryTooLong:
        problem = _(
            "The search is too long: use at most %(limit)s characters, a few words are enough."
        ) % {"limit": MAX_QUERY_LENGTH}
        query = query[:MAX_QUERY_LENGTH]
    else:
        if query.strip() and not words:
            problem = _("Type at least one word of letters or digits.")
        elif words:
            hits, councils = find(request.user, words)
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "searched": bool(query.strip()) and not problem,
            "problem": problem,
            "hits": hits[:MAX_RESULTS],
            "more": len(hits) > MAX_RESULTS,
            "several_councils": len(councils) > 1,
        },
    )
