# Spanish as read in California: prices and counts grouped as in the US ("$1,200"), not
# as in Spain ("1 200"). Everything else falls back to Django's Spanish formats.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
