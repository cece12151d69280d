from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.instance_task import InstanceTask
from ...types import Response


def _get_kwargs(
    organization_id: UUID,
    project_id: UUID,
    instance_id: UUID,
    id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{instance_id}/tasks/{id}".format(
            organization_id=quote(str(organization_id), safe=""),
            project_id=quote(str(project_id), safe=""),
            instance_id=quote(str(instance_id), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InstanceTask | None:
    if response.status_code == 200:
        response_200 = InstanceTask.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[InstanceTask]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organization_id: UUID,
    project_id: UUID,
    instance_id: UUID,
    id: UUID,
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

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
    organization_id: UUID,
    project_id: UUID,
    instance_id: UUID,
    id: UUID,
    *,
    client: AuthenticatedClient,
) -> InstanceTask | None:
    """[Tasks] Get instance task (nested)

     Retrieve details of a specific task via nested resource.

    Args:
        organization_id (UUID):
        project_id (UUID):
        instance_id (UUID):
        id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InstanceTask
    """

    return sync_detailed(
        organization_id=organization_id,
        project_id=project_id,
        instance_id=instance_id,
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    organization_id: UUID,
    project_id: UUID,
    instance_id: UUID,
    id: UUID,
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

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
    organization_id: UUID,
    project_id: UUID,
    instance_id: UUID,
    id: UUID,
    *,
    client: AuthenticatedClient,
) -> InstanceTask | None:
    """[Tasks] Get instance task (nested)

     Retrieve details of a specific task via nested resource.

    Args:
        organization_id (UUID):
        project_id (UUID):
        instance_id (UUID):
        id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InstanceTask
    """

    return (
        await asyncio_detailed(
            organization_id=organization_id,
            project_id=project_id,
            instance_id=instance_id,
            id=id,
            client=client,
        )
    ).parsed
