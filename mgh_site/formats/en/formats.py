"""How English pages write dates and times, where Django's own "en" formats are not the American
hospital's: "December 4, 2026" and "8:00 AM". Spanish pages use Django's "es" formats as they are
("4 de diciembre de 2026", "08:00", 1 200 with a no-break space). Templates name these formats
(|date:"DATE_FORMAT", |time), never a pattern of their own."""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "g:i A"
MONTH_DAY_FORMAT = "F j"
