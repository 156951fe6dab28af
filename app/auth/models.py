"""Staff accounts, their roles, sign-in attempts and the audit log."""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import utcnow


class User(UserMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_sign_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # Changes when the password or roles change, so old sessions stop working (Flask-Login alternative id).
    session_version: Mapped[int] = mapped_column(Integer, default=1)

    roles: Mapped[list[UserRole]] = relationship(back_populates="user", cascade="all, delete-orphan", lazy="selectin")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return bool(self.active)

    def has_role(self, role: str, language: str | None = None) -> bool:
        for grant in self.roles:
            if grant.role == "admin" and role != "reviewer":
                return True
            if grant.role == role and (language is None or grant.language in (None, language)):
                return True
        return False


class UserRole(db.Model):  # type: ignore[name-defined]
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role", "language", name="uq_user_role_language"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)  # reviewers only
    granted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="roles")


class SignInEvent(db.Model):  # type: ignore[name-defined]
    """One sign-in attempt. Unknown email addresses are not recorded (they may be personal data)."""

    __tablename__ = "sign_in_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    # success | wrong-password | locked | inactive | unknown-account
    outcome: Mapped[str] = mapped_column(String(32))


class AuditEvent(db.Model):  # type: ignore[name-defined]
    """Who changed what, and when (role changes, accounts, and later every staff edit)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(255), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
