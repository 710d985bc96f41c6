"""The council's settings page: what its documents say of it, kept by its secretary."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from .access import authorise, council_view
from .crest import crest_data_url
from .forms import CouncilSettingsForm
from .models import Council
from .views import edit_page


@council_view
def council_settings(request, council):
    """Name, letterhead (crest, address, e-mail, telephone), the place documents are dated
    from, and the convocation period."""
    authorise(request.user, Council, "change", council)
    stored_crest = council.crest.name
    posted = request.method == "POST"
    form = CouncilSettingsForm(
        request.POST if posted else None, request.FILES if posted else None, instance=council
    )

    def save(form):
        saved = form.save()
        if stored_crest and saved.crest.name != stored_crest:
            # Replaced or removed: no page shows the old picture any more, and every kept
            # document (approved minutes, adopted reports) carries its own copy inside.
            storage = saved.crest.storage
            transaction.on_commit(lambda: storage.delete(stored_crest))
        return saved

    address = reverse("members:council_settings", kwargs={"council": council.slug})
    return edit_page(
        request,
        council,
        form,
        title=_("Council settings"),
        success_url=address,
        success_message=_("The council's settings have been saved."),
        cancel_url=reverse("dashboard", kwargs={"council": council.slug}),
        save=save,
        template="members/council_settings.html",
        extra_context={"crest": crest_data_url(council) if not posted else ""},
    )
