from .base import Arbeitsbereich

__all__ = ["Arbeitsbereich"]
