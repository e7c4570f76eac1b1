"""SCIM 2.0 provisioning (RFC 7643/7644) at ``/scim/v2``: identity providers (Okta, Entra ID)
create, change and deactivate a tenant's people and push groups that map to roles."""
