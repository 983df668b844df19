from .base import (
    RUBRIK_SLUGS,
    RUBRIKEN,
    EditorGrantLog,
    Fachgebiet,
    FachgebietGroupObjectPermission,
    FachgebietUserObjectPermission,
    FachgebietVisit,
)
from .content import SECTION_MODELS, Article, ArticleAttachment, Document, DocumentVersion, Rechtstatsache, Status
from .follow import Follow, FollowNotice
from .glossar import GlossaryTerm

__all__ = [
    "RUBRIKEN",
    "RUBRIK_SLUGS",
    "SECTION_MODELS",
    "Article",
    "ArticleAttachment",
    "Document",
    "DocumentVersion",
    "EditorGrantLog",
    "Fachgebiet",
    "FachgebietGroupObjectPermission",
    "FachgebietUserObjectPermission",
    "FachgebietVisit",
    "Follow",
    "FollowNotice",
    "GlossaryTerm",
    "Rechtstatsache",
    "Status",
]
