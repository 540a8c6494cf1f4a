"""The words of ``policy/policy.csv`` beside the data classes, roles and purposes: what an action is
taken on (``Resource``) and the action (``Action``).

    policy.allows({"data_analyst"}, Resource.MATCH, Action.RUN, Purpose.IDENTIFY_FAMILIES)  # True

The API declares each root field's check in these words (``api.actions.Allowed``), so a check
names nothing the policy does not know; tests/policy/test_actions.py holds the enums and the
policy file to the same vocabulary. Values are the policy file's own strings.
"""

from __future__ import annotations

from enum import StrEnum


class Resource(StrEnum):
    """What an action is taken on. Beside these, a rule's resource is a data class (``read``), a
    role (``grant``), a lawful basis (``rely_on``) or a special category condition
    (``condition``), each of its own vocabulary."""

    PURPOSE = "purpose"  # act_for: may the role declare the purpose at all
    FAMILY = "Family"  # which families a role sees; forming them; deciding their status
    RELATIVE_LINK = "RelativeLink"
    UPLOAD = "Upload"  # a partner's list
    MATCH = "Match"  # matching partners' records, and the queue of uncertain matches
    MERGE = "Merge"
    BREAK_GLASS = "BreakGlass"
    CONSENT = "Consent"  # a person's consent decision, and its withdrawal
    TEAM_MEMBERSHIP = "TeamMembership"  # the team around a family
    SHARING_DECISION = "SharingDecision"  # a decision to share without consent
    DISCLOSURE = "Disclosure"  # the audit's records
    AUDIT_CHAIN = "AuditChain"
    NOTIFICATION = "Notification"  # break-glass alerts
    USER_ACCESS = "UserAccess"  # the register of users
    ACCESS_CHANGE = "AccessChange"  # the register's record of its changes
    PARTNER_AGREEMENT = "PartnerAgreement"


class Action(StrEnum):
    """What a rule lets a role do. The ``_ANY`` and ``_ALL`` actions widen another: see
    ``policy.reach``."""

    ACT_FOR = "act_for"
    READ = "read"  # a data class
    GRANT = "grant"  # a role, to a user in the register
    RELY_ON = "rely_on"  # a lawful basis, in a decision to share without consent
    CONDITION = "condition"  # a special category condition standing for the purpose
    SEE_ALL = "see_all"
    SEE_RELATED = "see_related"
    SEE_ORGANISATION = "see_organisation"
    FORM = "form"
    ASSESS = "assess"
    LINK = "link"
    REVOKE = "revoke"
    REVOKE_ANY = "revoke_any"
    CREATE = "create"
    READ_OWN = "read_own"
    READ_ALL = "read_all"
    RUN = "run"
    REVIEW = "review"
    UNDO = "undo"
    INVOKE = "invoke"
    RECORD = "record"
    RECORD_ANY = "record_any"
    MANAGE = "manage"
    MANAGE_ANY = "manage_any"
    JOIN = "join"
    LEAD = "lead"
    APPROVE = "approve"
    LIST = "list"
    VERIFY = "verify"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"
