from .base import Arbeitsbereich, ArbeitsbereichGroupObjectPermission, ArbeitsbereichUserObjectPermission
from .content import (
    AreaDocument,
    AreaDocumentVersion,
    AreaEvent,
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
    "AreaDocument",
    "AreaDocumentVersion",
    "AreaEvent",
    "Attendance",
    "CalendarToken",
    "CancelledMeeting",
    "Meeting",
    "Post",
    "PostAttachment",
    "Thread",
    "Arbeitsbereich",
    "ArbeitsbereichGroupObjectPermission",
    "ArbeitsbereichUserObjectPermission",
    "AccessReview",
    "AccessReviewItem",
    "MembershipRequest",
]
