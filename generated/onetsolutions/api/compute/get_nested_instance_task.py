from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ..._paths import uuid_segment
from ...client import AuthenticatedClient, Client
from ...models.instance_task import InstanceTask
from ...types import Response


def _get_kwargs(
    organization_id: UUID | str,
    project_id: UUID | str,
    instance_id: UUID | str,
    id: UUID | str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{instance_id}/tasks/{id}".format(
            organization_id=uuid_segment(organization_id, "organization_id"),
            project_id=uuid_segment(project_id, "project_id"),
            instance_id=uuid_segment(instance_id, "instance_id"),
            id=uuid_segment(id, "id"),
        ),
    }

    return _kwargs


def _parse_response(*, response: httpx.Response) -> InstanceTask:
    """The parsed body of a documented success; raises errors.APIError for any other status."""
    if response.status_code == 200:
        try:
            response_200 = InstanceTask.from_dict(response.json())

            return response_200

        except (KeyError, TypeError, ValueError) as error:
            raise errors.ResponseValidationError.from_parse_error(
                error,
                operation="get_nested_instance_task",
                model="InstanceTask",
                response=response,
            ) from None
    raise errors.error_for_response(response)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[InstanceTask]:
    parsed: InstanceTask | None
    try:
        parsed = _parse_response(response=response)
    except errors.APIError:
        if client.raise_on_unexpected_status:
            raise
        parsed = None
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    organization_id: UUID | str,
    project_id: UUID | str,
    instance_id: UUID | str,
    id: UUID | str,
    *,
    client: AuthenticatedClient,
) -> Response[InstanceTask]:
    """[Tasks] Get instance task (nested)

     Retrieve details of a specific task via nested resource.

    Args:
        organization_id (UUID):
        project_id (UUID):
        instance_id (UUID):
        id (UUID):

    Raises:
        errors.APIError: If the status is not a documented success and Client.raise_on_unexpected_status
            is True (the default): NotFoundError, RateLimitError, ServerError, ... by status.
        errors.ResponseValidationError: If a success body does not match its model.
        errors.TransportError: If the request could not be sent or answered, retries included.
        errors.DeadlineExceededError: If the deadline() around the call passed first.
        errors.InvalidPathParameterError: If a path parameter is not one path segment; nothing is sent.

    Returns:
        Response[InstanceTask]
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        project_id=project_id,
        instance_id=instance_id,
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organization_id: UUID | str,
    project_id: UUID | str,
    instance_id: UUID | str,
    id: UUID | str,
    *,
    client: AuthenticatedClient,
) -> InstanceTask:
    """[Tasks] Get instance task (nested)

     Retrieve details of a specific task via nested resource.

    Args:
        organization_id (UUID):
        project_id (UUID):
        instance_id (UUID):
        id (UUID):

    Raises:
        errors.APIError: If the status is not a documented success: NotFoundError, RateLimitError,
            ServerError, ... by status.
        errors.ResponseValidationError: If a success body does not match its model.
        errors.TransportError: If the request could not be sent or answered, retries included.
        errors.DeadlineExceededError: If the deadline() around the call passed first.
        errors.InvalidPathParameterError: If a path parameter is not one path segment; nothing is sent.

    Returns:
        InstanceTask
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        project_id=project_id,
        instance_id=instance_id,
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_response(response=response)


async def asyncio_detailed(
    organization_id: UUID | str,
    project_id: UUID | str,
    instance_id: UUID | str,
    id: UUID | str,
    *,
    client: AuthenticatedClient,
) -> Response[InstanceTask]:
    """[Tasks] Get instance task (nested)

     Retrieve details of a specific task via nested resource.

    Args:
        organization_id (UUID):
        project_id (UUID):
        instance_id (UUID):
        id (UUID):

    Raises:
        errors.APIError: If the status is not a documented success and Client.raise_on_unexpected_status
            is True (the default): NotFoundError, RateLimitError, ServerError, ... by status.
        errors.ResponseValidationError: If a success body does not match its model.
        errors.TransportError: If the request could not be sent or answered, retries included.
        errors.DeadlineExceededError: If the deadline() around the call passed first.
        errors.InvalidPathParameterError: If a path parameter is not one path segment; nothing is sent.

    Returns:
        Response[InstanceTask]
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        project_id=project_id,
        instance_id=instance_id,
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organization_id: UUID | str,
    project_id: UUID | str,
    instance_id: UUID | str,
    id: UUID | str,
    *,
    client: AuthenticatedClient,
) -> InstanceTask:
    """[Tasks] Get instance task (nested)

     Retrieve details of a specific task via nested resource.

    Args:
        organization_id (UUID):
        project_id (UUID):
        instance_id (UUID):
        id (UUID):

    Raises:
        errors.APIError: If the status is not a documented success: NotFoundError, RateLimitError,
            ServerError, ... by status.
        errors.ResponseValidationError: If a success body does not match its model.
        errors.TransportError: If the request could not be sent or answered, retries included.
        errors.DeadlineExceededError: If the deadline() around the call passed first.
        errors.InvalidPathParameterError: If a path parameter is not one path segment; nothing is sent.

    Returns:
        InstanceTask
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        project_id=project_id,
        instance_id=instance_id,
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_response(response=response)
