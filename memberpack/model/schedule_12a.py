"""The seven paragraphs of Schedule 12A to the Local Government Act 1972: the kinds of exempt
information a council may keep from the public part of a meeting."""

PARAGRAPHS = {
    1: "information relating to any individual",
    2: "information likely to reveal the identity of an individual",
    3: "information relating to the financial or business affairs of any particular person",
    4: "information relating to consultations or negotiations on labour relations matters",
    5: "information in respect of which a claim to legal professional privilege could be maintained",
    6: "information revealing that the authority proposes to give a notice or make an order",
    7: "information relating to the prevention, investigation or prosecution of crime",
}
