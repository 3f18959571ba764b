"""Pages of spreadsheet imports and exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from jejaring.core.errors import NotFound
from jejaring.core.spreadsheets import XLSX_CONTENT_TYPE
from jejaring.training.exports import batch_participants_xlsx


@login_required
@require_GET
def batch_export(request: HttpRequest, batch_id: int) -> HttpResponse:
    try:
        filename, data = batch_participants_xlsx(actor=request.user, batch_id=batch_id)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
