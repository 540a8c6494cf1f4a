"""Postcode areas by region of the United Kingdom: how far apart two addresses are, roughly.

Most people who move stay within their region, while two people who merely share a name and a
birthday may live anywhere. So an address in another region, with nothing else in common, says
"namesake" more than "moved" (see _match), while another town in the same region is only
counted against a pair by the model. London and the South East are one region here: their
postcode areas interleave.
"""

from __future__ import annotations

_AREAS = {
    "South West": "BA BH BS DT EX GL PL SN SP TA TQ TR",
    "London and the South East": (
        "E EC N NW SE SW W WC BR CR DA EN HA IG KT RM SM TW UB WD "
        "BN CT GU HP ME MK OX PO RG RH SL SO TN AL SG CM SS"
    ),
    "East of England": "CB CO IP NR PE LU",
    "East Midlands": "DE LE LN NG NN",
    "West Midlands": "B CV DY HR ST TF WR WS WV",
    "Yorkshire and the Humber": "BD DN HD HG HU HX LS S WF YO",
    "North West": "BB BL CA CH CW FY L LA M OL PR SK WA WN",
    "North East": "DH DL NE SR TS",
    "Wales": "CF LD LL NP SA SY",
    "Scotland": "AB DD DG EH FK G HS IV KA KW KY ML PA PH TD ZE",
    "Northern Ireland": "BT",
    "Channel Islands and Isle of Man": "GY JE IM",
}

REGION = {area: region for region, areas in _AREAS.items() for area in areas.split()}


def region(postcode_area: str | None) -> str | None:
    """The region of a postcode area ("EX"); an area not listed is a region of its own."""
    if not postcode_area:
        return None
    return REGION.get(postcode_area, postcode_area)
