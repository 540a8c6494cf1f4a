"""``uploadPartnerList``: a partner's list, as a GraphQL multipart upload (intake/SCHEMA.md)."""

from __future__ import annotations

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload

from api.actions import Allowed
from api.context import Info
from api.errors import Forbidden
from api.payloads import MutationError, MutationErrorCode
from api.uploads.types import ListFormat, PartnerUpload, UploadPayload
from policy.actions import Action, Resource
from services.intake import MalformedFile, PartnerList, UnknownOrganisation, receive


def _failed(code: MutationErrorCode, field: str | None, message: str) -> UploadPayload:
    error = MutationError(code=code, field=field, message=message)
    return UploadPayload(upload=None, already_received=False, errors=[error])


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Send a list of people who meet identifying criteria. Good rows load even "
        "when others are rejected, unless `strict`; the report says which rows were rejected "
        "and why. The same file again straight after changes nothing (`alreadyReceived`); "
        "sent after another upload, it is a new upload whose rows correct what is held. "
        "Partner systems send their own lists; the data team names the partner it loads a "
        "list for. A file that cannot be read, or has no rows, is a BAD_USER_INPUT error on "
        "`file` whose message starts with its code (intake/SCHEMA.md).",
        extensions=[
            Allowed(
                Resource.UPLOAD,
                Action.CREATE,
                denied="Your role may not upload partner lists for the declared purpose.",
            )
        ],
    )
    async def upload_partner_list(
        self,
        info: Info,
        file: Upload,
        organisation_id: str | None = None,
        format: ListFormat | None = None,
        strict: bool = False,
    ) -> UploadPayload:
        try:
            return await _upload(info, file, organisation_id, format, strict)
        finally:  # the part is spooled to a temporary file: release it whatever the outcome
            if isinstance(file, UploadFile):
                await file.close()


async def _upload(
    info: Info,
    file: Upload,
    organisation_id: str | None,
    format: ListFormat | None,
    strict: bool,
) -> UploadPayload:
    access = info.context.access
    principal = info.context.principal
    if access.may(Resource.UPLOAD, Action.READ_ALL):  # the data team, loading for a partner
        if not organisation_id:
            return _failed(
                MutationErrorCode.BAD_USER_INPUT,
                "organisationId",
                "Name the partner organisation that sent the list.",
            )
        organisation = organisation_id
    else:  # a partner system sends its own organisation's lists, and no one else's
        if organisation_id not in (None, principal.organisation_id):
            raise Forbidden("A partner system uploads its own organisation's lists only.")
        organisation = principal.organisation_id
    # Starlette hands the part over as an UploadFile (spooled to disk beyond 1 MiB).
    if not isinstance(file, UploadFile):
        return _failed(MutationErrorCode.BAD_USER_INPUT, "file", "Send the list as a file.")
    data = await file.read()
    try:
        result = await info.context.services.run(
            receive,
            info.context.viewer,
            PartnerList(
                data,
                organisation_id=organisation,
                filename=file.filename,
                format=format.value if format else None,
                strict=strict,
            ),
        )
    except MalformedFile as exc:
        return _failed(MutationErrorCode.BAD_USER_INPUT, "file", f"{exc.code}: {exc.message}")
    except UnknownOrganisation:
        return _failed(
            MutationErrorCode.NOT_FOUND, "organisationId", "No organisation has that id."
        )
    return UploadPayload(
        upload=PartnerUpload.from_upload(result.upload),
        already_received=result.already_received,
        errors=[],
    )
