"""partner's models: authorities and accounts, the audit log, deletion requests, identity providers."""

from .accounts import (
    Decision,
    DomainCheck,
    Partner,
    PartnerDomain,
    PartnerKind,
    PartnerQuerySet,
    PartnerType,
    User,
    UserManager,
    UserQuerySet,
    admitted_q,
    check_domain,
    domain_candidates,
    domain_owner_ids,
    email_domain,
    is_admitted_account,
    normalise_domain,
)
from .audit import AuditEvent, AuditEventQuerySet, SuspensionCause
from .privacy import DeletionRequest, DeletionRequestQuerySet

# isort: split
# Last: sso.models reaches partner.sessions (through the MFA adapter), which imports User from here.
from ..sso.models import IdentityProvider

__all__ = [
    "AuditEvent",
    "AuditEventQuerySet",
    "Decision",
    "DeletionRequest",
    "DeletionRequestQuerySet",
    "DomainCheck",
    "IdentityProvider",
    "Partner",
    "PartnerDomain",
    "PartnerKind",
    "PartnerQuerySet",
    "PartnerType",
    "SuspensionCause",
    "User",
    "UserManager",
    "UserQuerySet",
    "admitted_q",
    "check_domain",
    "domain_candidates",
    "domain_owner_ids",
    "email_domain",
    "is_admitted_account",
    "normalise_domain",
]
