from .base import Fachgebiet

__all__ = ["Fachgebiet"]
