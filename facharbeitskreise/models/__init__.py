from .base import Arbeitskreis, ArbeitskreisGroupObjectPermission, ArbeitskreisUserObjectPermission
from .content import (
    ArbeitskreisDocument,
    ArbeitskreisDocumentVersion,
    ArbeitskreisEvent,
    Attendance,
    CalendarToken,
    CancelledMeeting,
    Meeting,
    Post,
    PostAttachment,
    Thread,
)
from .membership import AccessReview, AccessReviewItem, MembershipRequest

__all__ = [
    "ArbeitskreisDocument",
    "ArbeitskreisDocumentVersion",
    "ArbeitskreisEvent",
    "Attendance",
    "CalendarToken",
    "CancelledMeeting",
    "Meeting",
    "Post",
    "PostAttachment",
    "Thread",
    "Arbeitskreis",
    "ArbeitskreisGroupObjectPermission",
    "ArbeitskreisUserObjectPermission",
    "AccessReview",
    "AccessReviewItem",
    "MembershipRequest",
]
