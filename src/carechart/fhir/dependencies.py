"""Request dependencies of the fhir slice: where the client reached us, and search parameters."""

from typing import Annotated, Literal

from fastapi import Depends, Query, Request

from carechart.core.deps import SettingsDep
from carechart.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from carechart.fhir import search
from carechart.fhir.service import PatientSearch, Urls

CountParam = Annotated[
    int,
    Query(alias="_count", ge=1, le=MAX_PAGE_SIZE, description=f"Page size (1-{MAX_PAGE_SIZE})."),
]
CursorParam = Annotated[
    str | None,
    Query(
        alias="_cursor",
        max_length=2048,
        description="Opaque cursor: follow the Bundle's `next` link rather than building it.",
    ),
]


def urls(request: Request) -> Urls:
    return Urls(api=str(request.base_url).rstrip("/"), request=str(request.url))


def mrn_system(settings: SettingsDep) -> str:
    return settings.fhir_mrn_system


def patient_search(
    request: Request,
    count: CountParam = DEFAULT_PAGE_SIZE,
    cursor: CursorParam = None,
    identifier: Annotated[
        str | None,
        Query(max_length=300, description="The MRN: `value` or `system|value`."),
    ] = None,
    name: Annotated[
        str | None,
        Query(
            max_length=search.NAME_MAX_LENGTH,
            description="Fuzzy name search: 1 to 8 words.",
            json_schema_extra={"pattern": search.NAME_PATTERN},
        ),
    ] = None,
    birthdate: Annotated[
        list[str] | None,
        Query(
            description="`[prefix]YYYY[-MM[-DD]]`, prefix eq, ge, gt, le or lt; repeatable.",
            json_schema_extra={"items": {"type": "string", "pattern": search.BIRTHDATE_PATTERN}},
        ),
    ] = None,
    gender: Annotated[
        Literal["male", "female", "other", "unknown"] | None, Query(description="The gender.")
    ] = None,
) -> PatientSearch:
    search.refuse_unknown(list(request.query_params.keys()), search.PATIENT_PARAMETERS)
    born = search.birth_range(birthdate or [])
    return PatientSearch(
        limit=count,
        cursor=cursor,
        identifier=search.identifier_token(identifier),
        name=search.name_search(name),
        born_after=born.after,
        born_before=born.before,
        gender=search.gender(gender),
    )


def document_patient(
    request: Request,
    patient: Annotated[
        str, Query(max_length=300, description="`Patient/{id}` or the patient's id.")
    ],
) -> str:
    search.refuse_unknown(list(request.query_params.keys()), search.DOCUMENT_PARAMETERS)
    return patient


UrlsDep = Annotated[Urls, Depends(urls)]
MrnSystemDep = Annotated[str, Depends(mrn_system)]
PatientSearchDep = Annotated[PatientSearch, Depends(patient_search)]
DocumentPatientDep = Annotated[str, Depends(document_patient)]
