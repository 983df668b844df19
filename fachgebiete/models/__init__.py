from .base import (
    RUBRIK_SLUGS,
    RUBRIKEN,
    Fachgebiet,
    FachgebietGroupObjectPermission,
    FachgebietUserObjectPermission,
    FachgebietVisit,
)
from .content import SECTION_MODELS, Article, ArticleAttachment, Document, DocumentVersion, Rechtstatsache, Status
from .glossary import GlossaryTerm
from .lifecycle import LifecycleEvent

__all__ = [
    "RUBRIKEN",
    "RUBRIK_SLUGS",
    "SECTION_MODELS",
    "Article",
    "ArticleAttachment",
    "Document",
    "DocumentVersion",
    "Fachgebiet",
    "FachgebietGroupObjectPermission",
    "FachgebietUserObjectPermission",
    "FachgebietVisit",
    "GlossaryTerm",
    "LifecycleEvent",
    "Rechtstatsache",
    "Status",
]
