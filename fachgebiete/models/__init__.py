from .base import (
    RUBRIK_SLUGS,
    RUBRIKEN,
    Fachgebiet,
    FachgebietGroupObjectPermission,
    FachgebietUserObjectPermission,
    FachgebietVisit,
)
from .content import Article, ArticleAttachment, Contribution, Document, DocumentVersion, Status
from .glossary import GlossaryTerm
from .lifecycle import LifecycleEvent
from .rechtstatsache import Rechtstatsache

# The sections in navigation order, by their URL segment.
SECTION_MODELS: dict[str, type[Contribution]] = {model.section: model for model in (Article, Document, Rechtstatsache)}

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
