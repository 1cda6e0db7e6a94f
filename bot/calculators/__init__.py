"""Calculators: pure functions from partner records and parameters to facts (ARCHITECTURE principle 2).

Nothing here writes text for users; the composer phrases the results. Every
result carries the clauses it applied and a ``facts()`` dict. Every calculator
reads one firm's :class:`~bot.records.models.FirmRecords` and an as-of date;
nothing dated after that date changes a figure.
"""

from bot.calculators.disposal import Disposal, disposal
from bot.calculators.eligibility import Criterion, EligibilityResult, check_eligibility
from bot.calculators.offsets import Clawback, OffsetResult, OffsetYear, ProjectOffsets, compute_offsets
from bot.calculators.params import Category, Exclusion, Param, Parameters, ParametersError
from bot.calculators.project import ProposedProject, SupportEstimate, estimate_support, parse_money, parse_project
from bot.calculators.repayment import (
    DeferralSimulation,
    Installment,
    PaymentSimulation,
    RepaymentResult,
    compute_repayment,
    simulate_deferral,
    simulate_payment,
    supported_projects,
)
from bot.calculators.schedule import Due, add_months, installment_schedule, months_between

__all__ = [
    "Category", "Clawback", "Criterion", "DeferralSimulation", "Disposal", "Due", "EligibilityResult",
    "Exclusion", "Installment", "OffsetResult", "OffsetYear", "Param", "Parameters", "ParametersError",
    "PaymentSimulation", "ProjectOffsets", "ProposedProject", "RepaymentResult", "SupportEstimate", "add_months",
    "check_eligibility", "compute_offsets", "compute_repayment", "disposal", "estimate_support",
    "installment_schedule", "months_between", "parse_money", "parse_project", "simulate_deferral",
    "simulate_payment", "supported_projects",
]
