"""The buyers' page (placeholder)."""

from fastapi import APIRouter

router = APIRouter()
