"""Names, units and types of the generated demo agency."""
# fmt: off

FIRST_NAMES = (
    "Anna", "Jürgen", "Sören", "Jörg", "Björn", "Käthe", "Zoë", "Lea", "Max", "Sophie",
    "Lukas", "Mia", "Felix", "Hannah", "Jonas", "Emilia", "Leon", "Marie", "Paul", "Lena",
    "Günther", "Dörte", "Özlem", "Mehmet", "Chantal", "René", "Noël", "Maëlle", "Ben", "Clara",
    "Tim", "Jana", "Ole", "Frauke", "Malte", "Wiebke", "Hauke", "Süleyman", "Ayşe", "Katrin",
)
LAST_NAMES = (
    "Müller", "Schäfer", "Weiß", "Groß", "Köhler", "Bäcker", "Krüger", "Jäger", "Hoffmann",
    "Schröder", "Wöhler", "Fuß", "Öztürk", "Brüggemann", "Straßer", "Becker", "Wagner", "Keller",
    "Neumann", "Schmitz", "Lange", "Krämer", "Vogel", "Böhm", "Hübner", "Löffler", "Dümmler",
    "Meißner", "Görtz", "Yılmaz", "Nguyen", "Kowalski", "Albrecht", "Seidel", "Franke",
)
ORGANIZATION_UNITS = (
    ("10", "Geschäftsführung"),
    ("20", "Beratung"),
    ("30", "Kreation"),
    ("40", "Technik"),
    ("50", "Projektmanagement"),
    ("60", "Verwaltung"),
)
EMAIL_DOMAIN = "Agentur-Nordlicht.example"
PRIVATE_EMAIL_DOMAINS = ("web.example", "gmx.example", "posteo.example")

# key, name, color, active, reduces holiday, reduces time account, reduces target hours
ABSENCE_TYPES = (
    ("UR", "Urlaub", "#4CAF50", True, True, False, True),
    ("SU", "Sonderurlaub", "#8BC34A", True, False, False, True),
    ("FB", "Fortbildung", "#2196F3", True, False, False, True),
    ("GZ", "Gleitzeitausgleich", "#FFC107", True, False, True, False),
    ("EZ", "Elternzeit", "#9C27B0", True, False, False, True),
    ("BU", "Bildungsurlaub (alt)", "#607D8B", False, False, False, True),
)
# key, name, color, sickness of a child
SICK_LEAVE_TYPES = (
    ("K", "Krankheit", "#F44336", False),
    ("KK", "Krankheit Kind", "#E91E63", True),
)
REMARKS = (
    "", "", "", "Familienbesuch", "Hochzeit", "Umzug", "Reise nach Föhr", "Kita-Schließtage",
    "Konferenz in München", "Brückentag", "Arzttermin",
)
