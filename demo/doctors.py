"""The demo directory: vocabulary, places and fictional clinicians for the demonstration site.

`ensure_directory()` is idempotent. Vocabulary and locations are looked up by slug (or by name)
and created only when missing, so an editor's changes are never overwritten; doctors are topped
up to the number asked for, never deleted or changed. Doctors are made in bulk (thousands a
second), with their search text built in the same pass, so a 20,000-doctor benchmark directory
loads in well under a minute.
"""

import random
import re
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from doctors.caching import directory_changed
from doctors.models import (
    BoardCertification,
    Condition,
    Department,
    Doctor,
    DoctorSearch,
    Language,
    Practice,
    Specialty,
    Training,
    npi_check_digit,
)
from locations.models import Location

DEMO_NOTE = (
    "Every clinician in this directory is fictional: names, credentials, training and practice "
    "details were generated for the demonstration site and describe no real person."
)

BATCH_SIZE = 2000

# --- Vocabulary -----------------------------------------------------------------------------------
# The tables below are laid out by hand, one entry a line: ruff format leaves them alone.
# fmt: off

DEPARTMENTS = [
    ("medicine", "Medicine"), ("surgery", "Surgery"), ("neurology", "Neurology"),
    ("neurosurgery", "Neurosurgery"), ("pediatrics", "Pediatrics"), ("psychiatry", "Psychiatry"),
    ("radiology", "Radiology"), ("radiation-oncology", "Radiation Oncology"), ("dermatology", "Dermatology"),
    ("orthopaedics", "Orthopaedics"), ("obstetrics-gynecology", "Obstetrics & Gynecology"),
    ("urology", "Urology"), ("cancer-center", "Cancer Center"), ("heart-center", "Heart Center"),
    ("ophthalmology", "Ophthalmology"), ("otolaryngology", "Otolaryngology"),
    ("physical-medicine-rehabilitation", "Physical Medicine & Rehabilitation"),
    ("digestive-health-center", "Digestive Health Center"), ("transplant-center", "Transplant Center"),
    ("vascular-center", "Vascular Center"),
]

# (slug, name, sub-specialty of, department, weight, other words for it). The weight is roughly how
# many clinicians in a hundred have it as their main specialty; sub-specialties (weight 0) are only
# ever a doctor's second specialty.
_SPECIALTY_ROWS = [
    ("primary-care", "Primary Care", None, "medicine", 14,
     "internal medicine, internist, primary care physician, PCP, family doctor, general practitioner, GP"),
    ("cardiology", "Cardiology", None, "heart-center", 6,
     "heart doctor, cardiologist, heart, cardiac, cardio"),
    ("dermatology", "Dermatology", None, "dermatology", 3,
     "skin doctor, dermatologist, skin, derm, dermatolgy"),
    ("neurology", "Neurology", None, "neurology", 5,
     "neurologist, brain doctor, nerve doctor, nervous system, neuro"),
    ("orthopaedic-surgery", "Orthopaedic Surgery", None, "orthopaedics", 5,
     "orthopedic surgery, orthopedics, orthopaedics, orthopedic surgeon, bone doctor, ortho, bones, joints"),
    ("gastroenterology", "Gastroenterology", None, "digestive-health-center", 4,
     "GI, gastroenterologist, digestive health, stomach doctor, gastro, digestive"),
    ("medical-oncology", "Medical Oncology", None, "cancer-center", 6,
     "oncology, oncologist, cancer doctor, cancer, hematology oncology"),
    ("pediatrics", "Pediatrics", None, "pediatrics", 8,
     "pediatrician, children's doctor, kids doctor, child doctor, paediatrics, pediatric"),
    ("obstetrics-gynecology", "Obstetrics & Gynecology", None, "obstetrics-gynecology", 5,
     "OB/GYN, OBGYN, obstetrician, gynecologist, women's health, gynaecology, obstetrics"),
    ("urology", "Urology", None, "urology", 2, "urologist, bladder doctor, prostate doctor, urinary tract"),
    ("psychiatry", "Psychiatry", None, "psychiatry", 6,
     "psychiatrist, mental health, behavioral health, psych"),
    ("pulmonology", "Pulmonology", None, "medicine", 3,
     "pulmonologist, lung doctor, lungs, pulmonary medicine, breathing, respiratory"),
    ("endocrinology", "Endocrinology", None, "medicine", 3,
     "endocrinologist, hormone doctor, hormones, diabetes doctor, thyroid doctor, endo"),
    ("rheumatology", "Rheumatology", None, "medicine", 2,
     "rheumatologist, arthritis doctor, autoimmune disease, joint inflammation"),
    ("nephrology", "Nephrology", None, "medicine", 2, "nephrologist, kidney doctor, kidneys, renal medicine"),
    ("ophthalmology", "Ophthalmology", None, "ophthalmology", 3,
     "ophthalmologist, eye doctor, eyes, vision, eye surgeon, opthalmology"),
    ("otolaryngology", "Otolaryngology", None, "otolaryngology", 2,
     "ENT, ear nose and throat, otolaryngologist, ear doctor, head and neck surgery"),
    ("allergy-immunology", "Allergy & Immunology", None, "medicine", 2,
     "allergist, allergies, allergy doctor, immunologist, immunology"),
    ("infectious-diseases", "Infectious Diseases", None, "medicine", 2,
     "infectious disease specialist, ID, infections, travel medicine"),
    ("transplant-surgery", "Transplant Surgery", None, "transplant-center", 1,
     "transplant surgeon, organ transplant, transplantation"),
    ("trauma-emergency-surgery", "Trauma & Emergency Surgery", None, "surgery", 2,
     "trauma surgeon, acute care surgery, emergency surgery, general surgery, general surgeon"),
    ("neurosurgery", "Neurosurgery", None, "neurosurgery", 2,
     "neurosurgeon, brain surgeon, brain surgery, neurological surgery"),
    ("cardiac-surgery", "Cardiac Surgery", None, "heart-center", 1,
     "heart surgeon, cardiac surgeon, heart surgery, cardiothoracic surgery, open heart surgery"),
    ("radiation-oncology", "Radiation Oncology", None, "radiation-oncology", 2,
     "radiation oncologist, radiation therapy, radiotherapy, radiation treatment"),
    ("physical-medicine-rehabilitation", "Physical Medicine & Rehabilitation", None,
     "physical-medicine-rehabilitation", 2, "PM&R, physiatrist, physiatry, rehab, rehabilitation medicine"),
    ("sports-medicine", "Sports Medicine", None, "orthopaedics", 2,
     "sports doctor, sports injuries, athletic injuries, sports medicine physician"),
    ("geriatrics", "Geriatrics", None, "medicine", 2,
     "geriatrician, geriatric medicine, elder care, older adults, senior care, aging"),
    ("plastic-surgery", "Plastic Surgery", None, "surgery", 1,
     "plastic surgeon, reconstructive surgery, cosmetic surgery"),
    ("vascular-surgery", "Vascular Surgery", None, "vascular-center", 1,
     "vascular surgeon, vein doctor, arteries, veins, circulation"),
    ("sleep-medicine", "Sleep Medicine", None, "medicine", 1,
     "sleep doctor, sleep specialist, sleep clinic, sleep disorders, sleep study"),
    ("radiology", "Radiology", None, "radiology", 2,
     "radiologist, imaging, x-ray, MRI, CT scan, diagnostic radiology"),
    # Sub-specialties
    ("electrophysiology", "Electrophysiology", "cardiology", "heart-center", 0,
     "cardiac electrophysiology, electrophysiologist, heart rhythm specialist, EP"),
    ("interventional-cardiology", "Interventional Cardiology", "cardiology", "heart-center", 0,
     "heart stents, cardiac catheterization, cath lab, angioplasty"),
    ("pediatric-cardiology", "Pediatric Cardiology", "pediatrics", "pediatrics", 0,
     "children's heart doctor, pediatric cardiologist, congenital heart"),
    ("movement-disorders", "Movement Disorders", "neurology", "neurology", 0,
     "movement disorder specialist, tremor clinic, Parkinson's specialist"),
    ("vascular-neurology", "Vascular Neurology", "neurology", "neurology", 0,
     "stroke neurologist, stroke doctor, stroke specialist"),
    ("spine-surgery", "Spine Surgery", "orthopaedic-surgery", "orthopaedics", 0,
     "spine surgeon, back surgery, spinal surgery, spine"),
    ("hand-surgery", "Hand Surgery", "orthopaedic-surgery", "orthopaedics", 0,
     "hand surgeon, wrist surgery, hand and upper extremity"),
    ("breast-oncology", "Breast Oncology", "medical-oncology", "cancer-center", 0,
     "breast cancer doctor, breast oncologist, breast cancer specialist"),
]

ABIM = "American Board of Internal Medicine — "
ABS = "American Board of Surgery — "
ABPN = "American Board of Psychiatry and Neurology — "
ABP = "American Board of Pediatrics — "
ABR = "American Board of Radiology — "
ABOS = "American Board of Orthopaedic Surgery — "
IM = "Internal Medicine"
GS = "General Surgery"

# slug: (board certification, residency, fellowship or None)
_SPECIALTY_TRAINING = {
    "primary-care": (ABIM + "Internal Medicine", IM, None),
    "cardiology": (ABIM + "Cardiovascular Disease", IM, "Cardiovascular Disease"),
    "dermatology": ("American Board of Dermatology — Dermatology", "Dermatology", None),
    "neurology": (ABPN + "Neurology", "Neurology", None),
    "orthopaedic-surgery": (ABOS + "Orthopaedic Surgery", "Orthopaedic Surgery", None),
    "gastroenterology": (ABIM + "Gastroenterology", IM, "Gastroenterology"),
    "medical-oncology": (ABIM + "Medical Oncology", IM, "Hematology and Medical Oncology"),
    "pediatrics": (ABP + "General Pediatrics", "Pediatrics", None),
    "obstetrics-gynecology": ("American Board of Obstetrics and Gynecology — Obstetrics and Gynecology",
                              "Obstetrics and Gynecology", None),
    "urology": ("American Board of Urology — Urology", "Urology", None),
    "psychiatry": (ABPN + "Psychiatry", "Psychiatry", None),
    "pulmonology": (ABIM + "Pulmonary Disease", IM, "Pulmonary and Critical Care Medicine"),
    "endocrinology": (ABIM + "Endocrinology, Diabetes and Metabolism", IM,
                      "Endocrinology, Diabetes and Metabolism"),
    "rheumatology": (ABIM + "Rheumatology", IM, "Rheumatology"),
    "nephrology": (ABIM + "Nephrology", IM, "Nephrology"),
    "ophthalmology": ("American Board of Ophthalmology — Ophthalmology", "Ophthalmology", None),
    "otolaryngology": ("American Board of Otolaryngology – Head and Neck Surgery — Otolaryngology",
                       "Otolaryngology – Head and Neck Surgery", None),
    "allergy-immunology": ("American Board of Allergy and Immunology — Allergy and Immunology", IM,
                           "Allergy and Immunology"),
    "infectious-diseases": (ABIM + "Infectious Disease", IM, "Infectious Diseases"),
    "transplant-surgery": (ABS + "Surgery", GS, "Abdominal Transplant Surgery"),
    "trauma-emergency-surgery": (ABS + "Surgical Critical Care", GS, "Surgical Critical Care"),
    "neurosurgery": ("American Board of Neurological Surgery — Neurological Surgery", "Neurological Surgery",
                     None),
    "cardiac-surgery": ("American Board of Thoracic Surgery — Thoracic and Cardiac Surgery", GS,
                        "Cardiothoracic Surgery"),
    "radiation-oncology": (ABR + "Radiation Oncology", "Radiation Oncology", None),
    "physical-medicine-rehabilitation": (
        "American Board of Physical Medicine and Rehabilitation — Physical Medicine and Rehabilitation",
        "Physical Medicine and Rehabilitation", None),
    "sports-medicine": ("American Board of Family Medicine — Sports Medicine", "Family Medicine",
                        "Primary Care Sports Medicine"),
    "geriatrics": (ABIM + "Geriatric Medicine", IM, "Geriatric Medicine"),
    "plastic-surgery": ("American Board of Plastic Surgery — Plastic Surgery", "Plastic Surgery", None),
    "vascular-surgery": (ABS + "Vascular Surgery", GS, "Vascular Surgery"),
    "sleep-medicine": (ABIM + "Sleep Medicine", IM, "Sleep Medicine"),
    "radiology": (ABR + "Diagnostic Radiology", "Diagnostic Radiology", None),
    "electrophysiology": (ABIM + "Clinical Cardiac Electrophysiology", IM,
                          "Clinical Cardiac Electrophysiology"),
    "interventional-cardiology": (ABIM + "Interventional Cardiology", IM, "Interventional Cardiology"),
    "pediatric-cardiology": (ABP + "Pediatric Cardiology", "Pediatrics", "Pediatric Cardiology"),
    "movement-disorders": (ABPN + "Neurology", "Neurology", "Movement Disorders"),
    "vascular-neurology": (ABPN + "Vascular Neurology", "Neurology", "Vascular Neurology"),
    "spine-surgery": (ABOS + "Orthopaedic Surgery", "Orthopaedic Surgery", "Spine Surgery"),
    "hand-surgery": (ABOS + "Surgery of the Hand", "Orthopaedic Surgery", "Hand and Upper Extremity Surgery"),
    "breast-oncology": (ABIM + "Medical Oncology", IM, "Hematology and Medical Oncology"),
}

# Conditions, symptoms and procedures: (name, other words for it, the specialties that treat it).
_CONDITION_ROWS = [
    # Heart and blood vessels
    ("Chest pain", "chest pains, chest tightness, chest pressure, angina", "cardiology pulmonology"),
    ("Heart failure", "congestive heart failure, CHF, weak heart, cardiomyopathy",
     "cardiology cardiac-surgery transplant-surgery"),
    ("Atrial fibrillation", "afib, a-fib, irregular heartbeat, heart flutter",
     "cardiology electrophysiology"),
    ("Arrhythmia", "heart rhythm problems, palpitations, racing heart, skipped heartbeats",
     "cardiology electrophysiology pediatric-cardiology"),
    ("High blood pressure", "hypertension, high BP, HBP", "primary-care cardiology nephrology"),
    ("Coronary artery disease", "CAD, blocked arteries, heart disease, heart attack, clogged arteries",
     "cardiology interventional-cardiology cardiac-surgery"),
    ("Heart valve disease", "aortic stenosis, mitral valve, heart murmur, valve replacement",
     "cardiology interventional-cardiology cardiac-surgery"),
    ("Congenital heart disease", "congenital heart defect, hole in the heart, heart defect",
     "pediatric-cardiology cardiac-surgery"),
    ("High cholesterol", "cholesterol, hyperlipidemia, lipids", "primary-care cardiology endocrinology"),
    ("Pacemakers and defibrillators", "pacemaker, ICD, implantable defibrillator",
     "electrophysiology cardiology"),
    ("Coronary bypass surgery", "CABG, heart bypass, bypass surgery", "cardiac-surgery"),
    ("Aortic aneurysm", "abdominal aortic aneurysm, AAA, aneurysm", "vascular-surgery cardiac-surgery"),
    ("Varicose veins", "spider veins, leg veins, vein problems", "vascular-surgery dermatology"),
    ("Peripheral artery disease", "PAD, poor circulation, leg pain when walking",
     "vascular-surgery interventional-cardiology cardiology"),
    # Skin
    ("Acne", "pimples, breakouts, zits", "dermatology"),
    ("Eczema", "atopic dermatitis, dry itchy skin", "dermatology allergy-immunology"),
    ("Psoriasis", "scaly skin, psoriatic arthritis", "dermatology rheumatology"),
    ("Rash", "skin rash, hives, itchy skin, urticaria", "dermatology allergy-immunology"),
    ("Skin cancer", "melanoma, basal cell carcinoma, squamous cell carcinoma, mole check",
     "dermatology plastic-surgery medical-oncology"),
    ("Hair loss", "alopecia, thinning hair, balding", "dermatology"),
    # Brain and nerves
    ("Migraine", "headache, migraines, headaches", "neurology"),
    ("Epilepsy", "seizures, seizure disorder, convulsions", "neurology neurosurgery"),
    ("Parkinson's disease", "Parkinson's, parkinsons, Parkinson disease, shaking",
     "neurology movement-disorders"),
    ("Essential tremor", "tremor, shaky hands, trembling", "movement-disorders neurology"),
    ("Stroke", "brain attack, TIA, mini stroke, transient ischemic attack",
     "neurology vascular-neurology neurosurgery physical-medicine-rehabilitation"),
    ("Multiple sclerosis", "MS", "neurology"),
    ("Dystonia", "muscle spasms, involuntary movements", "movement-disorders neurology"),
    ("Brain aneurysm", "cerebral aneurysm, bleeding in the brain", "neurosurgery vascular-neurology"),
    ("Memory loss", "dementia, Alzheimer's disease, alzheimers, forgetfulness, cognitive decline",
     "neurology geriatrics psychiatry"),
    ("Brain tumor", "brain cancer, glioma, meningioma, brain tumour",
     "neurosurgery radiation-oncology medical-oncology"),
    ("Neuropathy", "nerve pain, numbness, tingling, pins and needles",
     "neurology physical-medicine-rehabilitation"),
    ("Concussion", "head injury, traumatic brain injury, TBI",
     "neurology sports-medicine physical-medicine-rehabilitation"),
    ("Spinal cord injury", "paralysis, spinal injury",
     "physical-medicine-rehabilitation neurosurgery spine-surgery"),
    # Bones, joints and muscles
    ("Knee replacement", "knee surgery, total knee arthroplasty, knee pain", "orthopaedic-surgery"),
    ("Hip replacement", "hip surgery, total hip arthroplasty, hip pain", "orthopaedic-surgery"),
    ("Back pain", "lower back pain, backache, sciatica, lumbar pain",
     "spine-surgery orthopaedic-surgery neurosurgery physical-medicine-rehabilitation primary-care"),
    ("Neck pain", "stiff neck, cervical pain", "spine-surgery neurosurgery physical-medicine-rehabilitation"),
    ("Herniated disc", "slipped disc, bulging disc, ruptured disc",
     "spine-surgery neurosurgery physical-medicine-rehabilitation"),
    ("Osteoarthritis", "arthritis, joint pain, degenerative joint disease, wear and tear arthritis",
     "orthopaedic-surgery rheumatology sports-medicine"),
    ("ACL tear", "torn ACL, anterior cruciate ligament, knee ligament injury",
     "sports-medicine orthopaedic-surgery"),
    ("Sports injuries", "sprain, sprained ankle, pulled muscle, tendonitis",
     "sports-medicine orthopaedic-surgery physical-medicine-rehabilitation"),
    ("Rotator cuff tear", "shoulder pain, shoulder injury, rotator cuff",
     "sports-medicine orthopaedic-surgery"),
    ("Carpal tunnel syndrome", "carpal tunnel, wrist pain, hand numbness",
     "hand-surgery orthopaedic-surgery plastic-surgery"),
    ("Trigger finger", "hand pain, locked finger", "hand-surgery orthopaedic-surgery"),
    ("Fractures", "broken bone, broken bones, fracture, broken arm, broken leg",
     "orthopaedic-surgery hand-surgery trauma-emergency-surgery"),
    ("Osteoporosis", "bone loss, thin bones, brittle bones",
     "endocrinology rheumatology geriatrics primary-care"),
    # Digestive system
    ("Crohn's disease", "Crohns, Crohn disease, inflammatory bowel disease, IBD", "gastroenterology"),
    ("Ulcerative colitis", "colitis, UC", "gastroenterology"),
    ("Acid reflux", "heartburn, GERD, reflux, indigestion", "gastroenterology primary-care"),
    ("Irritable bowel syndrome", "IBS, bloating, stomach cramps", "gastroenterology"),
    ("Colonoscopy", "colon cancer screening, colorectal screening", "gastroenterology"),
    ("Liver disease", "hepatitis, cirrhosis, fatty liver, liver transplant",
     "gastroenterology transplant-surgery infectious-diseases"),
    ("Celiac disease", "gluten intolerance, celiac, coeliac", "gastroenterology"),
    ("Gallstones", "gallbladder removal, gallbladder attack, cholecystectomy",
     "trauma-emergency-surgery gastroenterology"),
    ("Hernia", "inguinal hernia, hernia repair, umbilical hernia", "trauma-emergency-surgery"),
    ("Appendicitis", "appendix, appendectomy", "trauma-emergency-surgery pediatrics"),
    ("Trauma care", "traumatic injury, car accident injuries, serious injury",
     "trauma-emergency-surgery orthopaedic-surgery"),
    # Cancer
    ("Breast cancer", "breast lump, breast tumor, DCIS",
     "medical-oncology breast-oncology radiation-oncology plastic-surgery"),
    ("Lung cancer", "lung tumor, lung nodule", "medical-oncology pulmonology radiation-oncology"),
    ("Prostate cancer", "prostate tumor, elevated PSA, high PSA",
     "urology radiation-oncology medical-oncology"),
    ("Colon cancer", "colorectal cancer, bowel cancer, rectal cancer",
     "medical-oncology gastroenterology radiation-oncology"),
    ("Lymphoma", "Hodgkin lymphoma, non-Hodgkin lymphoma, swollen lymph nodes",
     "medical-oncology radiation-oncology"),
    ("Leukemia", "blood cancer, leukaemia", "medical-oncology"),
    ("Chemotherapy", "chemo, cancer treatment, infusion", "medical-oncology breast-oncology"),
    ("Radiation therapy", "radiotherapy, proton therapy, radiation treatment", "radiation-oncology"),
    ("Mammogram", "mammography, breast imaging, breast screening",
     "radiology breast-oncology obstetrics-gynecology"),
    ("Lung cancer screening", "low-dose CT, lung screening", "radiology pulmonology"),
    ("Breast reconstruction", "reconstruction after mastectomy", "plastic-surgery breast-oncology"),
    # Children
    ("Well-child visits", "checkup, vaccinations, immunizations, childhood vaccines", "pediatrics"),
    ("ADHD", "attention deficit, hyperactivity, trouble focusing, ADD", "pediatrics psychiatry"),
    ("Ear infections", "ear infection, earache, otitis media, ear pain", "pediatrics otolaryngology"),
    ("Autism", "autism spectrum disorder, ASD", "pediatrics psychiatry neurology"),
    # Hormones and general medicine
    ("Diabetes", "high blood sugar, type 2 diabetes, type 1 diabetes, diabetic, blood sugar, diabetis",
     "endocrinology primary-care"),
    ("Thyroid disorders", "thyroid, hypothyroidism, hyperthyroidism, goiter, thyroid nodule",
     "endocrinology otolaryngology"),
    ("Annual physical", "physical exam, wellness visit, yearly exam, preventive care, checkup",
     "primary-care geriatrics"),
    ("Weight management", "obesity, weight loss, overweight", "primary-care endocrinology"),
    ("Flu", "influenza, fever, cold, cough", "primary-care infectious-diseases pediatrics"),
    ("Falls and balance problems", "dizziness, balance, falls, vertigo",
     "geriatrics neurology otolaryngology physical-medicine-rehabilitation"),
    # Women's health
    ("Pregnancy", "prenatal care, pregnant, expecting a baby, maternity, childbirth",
     "obstetrics-gynecology"),
    ("Menopause", "hot flashes, perimenopause", "obstetrics-gynecology endocrinology"),
    ("Infertility", "fertility, trouble getting pregnant, IVF", "obstetrics-gynecology urology"),
    ("Uterine fibroids", "fibroids, heavy periods", "obstetrics-gynecology radiology"),
    ("Pelvic pain", "endometriosis, painful periods, period pain", "obstetrics-gynecology"),
    # Kidneys and urinary tract
    ("Kidney stones", "kidney stone, renal stones", "urology nephrology"),
    ("Enlarged prostate", "BPH, frequent urination, prostate problems", "urology"),
    ("Urinary incontinence", "bladder leakage, leaking urine, overactive bladder",
     "urology obstetrics-gynecology geriatrics"),
    ("Chronic kidney disease", "CKD, kidney failure, kidney disease, dialysis",
     "nephrology transplant-surgery"),
    ("Kidney transplant", "renal transplant", "transplant-surgery nephrology"),
    # Mental health
    ("Depression", "feeling sad, low mood, depressed, major depressive disorder", "psychiatry primary-care"),
    ("Anxiety", "panic attacks, anxious, worry, panic disorder", "psychiatry primary-care"),
    ("Bipolar disorder", "manic depression, bipolar", "psychiatry"),
    ("Substance use disorder", "addiction, alcohol use, opioid use disorder, substance abuse",
     "psychiatry primary-care"),
    ("PTSD", "post-traumatic stress disorder, trauma", "psychiatry"),
    # Lungs and sleep
    ("Asthma", "wheezing, asthma attack, inhaler", "pulmonology allergy-immunology pediatrics"),
    ("COPD", "emphysema, chronic bronchitis, chronic obstructive pulmonary disease", "pulmonology"),
    ("Shortness of breath", "breathlessness, trouble breathing, dyspnea", "pulmonology cardiology"),
    ("Pneumonia", "lung infection, chest infection", "pulmonology infectious-diseases primary-care"),
    ("Sleep apnea", "snoring, obstructive sleep apnea, OSA, sleep apnoea",
     "sleep-medicine pulmonology otolaryngology"),
    ("Insomnia", "trouble sleeping, can't sleep, sleeplessness", "sleep-medicine psychiatry"),
    ("Restless legs syndrome", "RLS, restless legs, leg cramps at night", "sleep-medicine neurology"),
    ("Narcolepsy", "excessive daytime sleepiness, falling asleep during the day", "sleep-medicine neurology"),
    # Joints and the immune system
    ("Rheumatoid arthritis", "RA, inflammatory arthritis", "rheumatology"),
    ("Lupus", "SLE, systemic lupus erythematosus", "rheumatology nephrology dermatology"),
    ("Gout", "gout attack, uric acid", "rheumatology primary-care"),
    ("Food allergy", "peanut allergy, food allergies, shellfish allergy", "allergy-immunology pediatrics"),
    ("Seasonal allergies", "hay fever, allergic rhinitis, pollen allergy, sneezing",
     "allergy-immunology otolaryngology"),
    ("HIV", "HIV/AIDS, AIDS, HIV care", "infectious-diseases"),
    ("Lyme disease", "tick bite, Lyme", "infectious-diseases rheumatology"),
    # Eyes, ears, nose and throat
    ("Cataracts", "cataract, cloudy vision, cataract surgery", "ophthalmology"),
    ("Glaucoma", "eye pressure", "ophthalmology"),
    ("Macular degeneration", "AMD, vision loss", "ophthalmology"),
    ("Diabetic eye disease", "diabetic retinopathy, diabetic eye exam", "ophthalmology endocrinology"),
    ("Dry eye", "dry eyes, itchy eyes, watery eyes", "ophthalmology"),
    ("Hearing loss", "hard of hearing, deafness, hearing aids, tinnitus", "otolaryngology geriatrics"),
    ("Sinusitis", "sinus infection, sinus pain, stuffy nose, chronic sinusitis",
     "otolaryngology allergy-immunology"),
    ("Tonsillitis", "tonsils, sore throat, tonsillectomy", "otolaryngology pediatrics"),
]

# (name, code, share of clinicians who speak it besides English)
LANGUAGES = [
    ("English", "en", 0), ("Spanish", "es", 0.2), ("Portuguese", "pt", 0.05), ("French", "fr", 0.05),
    ("Mandarin", "zh", 0.04), ("Haitian Creole", "ht", 0.03), ("Hindi", "hi", 0.03), ("Russian", "ru", 0.025),
    ("Cantonese", "yue", 0.025), ("Arabic", "ar", 0.025), ("Italian", "it", 0.025), ("Korean", "ko", 0.02),
    ("Vietnamese", "vi", 0.02), ("Cape Verdean Creole", "kea", 0.01), ("American Sign Language", "ase", 0.01),
]

# A clinician who speaks one of these often has a name from there: (Faker locale, how often).
NAME_LOCALES = {
    "es": ("es_MX", 0.5), "pt": ("pt_BR", 0.5), "it": ("it_IT", 0.5), "fr": ("fr_FR", 0.4),
    "vi": ("vi_VN", 0.7), "hi": ("en_IN", 0.7),
}

# --- Locations ------------------------------------------------------------------------------------

MAIN_CAMPUS = {
    "slug": "massachusetts-general-hospital", "name": "Massachusetts General Hospital",
    "kind": Location.Kind.HOSPITAL, "street": "55 Fruit Street", "city": "Boston", "zip_code": "02114",
    "latitude": 42.3626, "longitude": -71.0688, "phone": "617-726-2000", "is_demo": False,
}

# Buildings of the main campus: (name, latitude, longitude, how often clinicians practise there,
# departments with clinics there). Coordinates and clinics are made up.
CAMPUS_BUILDINGS = [
    ("Wang Ambulatory Care Center", 42.3622, -71.0694, 30,
     ["medicine", "dermatology", "urology", "psychiatry", "otolaryngology", "obstetrics-gynecology"]),
    ("Yawkey Center for Outpatient Care", 42.3631, -71.0697, 30,
     ["cancer-center", "heart-center", "digestive-health-center", "pediatrics"]),
    ("Lunder Building", 42.3628, -71.0680, 10, ["radiation-oncology", "neurology", "neurosurgery"]),
    ("White Building", 42.3632, -71.0686, 5, ["surgery", "transplant-center"]),
    ("Ellison Building", 42.3624, -71.0679, 5, ["pediatrics", "ophthalmology"]),
    ("Gray Building", 42.3620, -71.0684, 4, ["vascular-center", "surgery"]),
    ("Blake Building", 42.3618, -71.0690, 4, ["radiology"]),
    ("Jackson Building", 42.3635, -71.0691, 3, []),
    ("Bulfinch Building", 42.3627, -71.0701, 2, []),
    ("Zero Emerson Place", 42.3640, -71.0676, 6, ["orthopaedics", "physical-medicine-rehabilitation"]),
]

GARAGES = [
    ("Parkman Street Garage", "Parkman Street", 42.3613, -71.0671),
    ("Fruit Street Garage", "Fruit Street", 42.3637, -71.0668),
]

# Community sites in real towns (real ZIP codes, coordinates in the town); street addresses made up.
_HC, _PR = Location.Kind.HEALTH_CENTER, Location.Kind.PRACTICE
COMMUNITY_SITES = [
    ("Chelsea Health Center", _HC, "85 Harbor Light Way", "Chelsea", "02150", 42.3946, -71.0331,
     "617-555-0110"),
    ("Revere Health Center", _HC, "12 Seaview Commons", "Revere", "02151", 42.4121, -71.0079, "781-555-0111"),
    ("Charlestown Health Center", _HC, "40 Navy Yard Landing", "Charlestown", "02129", 42.3771, -71.0609,
     "617-555-0112"),
    ("Everett Family Care", _PR, "200 Riverbend Place", "Everett", "02149", 42.4098, -71.0529,
     "617-555-0113"),
    ("Waltham Outpatient Center", _PR, "1 Lakeview Office Park", "Waltham", "02451", 42.3935, -71.2412,
     "781-555-0114"),
    ("Danvers Outpatient Center", _PR, "7 Orchard Hill Drive", "Danvers", "01923", 42.5703, -70.9388,
     "978-555-0115"),
    ("Salem Outpatient Practice", _PR, "64 Witchwood Row", "Salem", "01970", 42.5168, -70.8985,
     "978-555-0116"),
    ("Back Bay Primary Care", _PR, "300 Commonwealth Court", "Boston", "02116", 42.3497, -71.0779,
     "617-555-0117"),
    ("Framingham Outpatient Center", _PR, "150 Cochituate Crossing", "Framingham", "01702", 42.2815, -71.4301,
     "508-555-0118"),
]

PRACTICE_KINDS = [Location.Kind.BUILDING, Location.Kind.HEALTH_CENTER, Location.Kind.PRACTICE]

# How often a department's clinicians have their main practice in the community rather than on
# the main campus; any other department: 15%.
COMMUNITY_SHARE = {
    "medicine": 0.5, "pediatrics": 0.55, "obstetrics-gynecology": 0.45, "psychiatry": 0.4,
    "dermatology": 0.25, "radiology": 0.2, "surgery": 0.05, "radiation-oncology": 0.05,
    "neurosurgery": 0.02, "transplant-center": 0,
}

# --- Training -------------------------------------------------------------------------------------

MEDICAL_SCHOOLS = [
    "Harvard Medical School", "Boston University Chobanian & Avedisian School of Medicine",
    "Tufts University School of Medicine", "UMass Chan Medical School", "Yale School of Medicine",
    "Johns Hopkins University School of Medicine",
    "Perelman School of Medicine at the University of Pennsylvania",
    "Columbia University Vagelos College of Physicians and Surgeons",
    "Stanford University School of Medicine",
    "University of California, San Francisco, School of Medicine", "Duke University School of Medicine",
    "Washington University School of Medicine in St. Louis", "University of Michigan Medical School",
    "Northwestern University Feinberg School of Medicine", "Icahn School of Medicine at Mount Sinai",
    "University of Puerto Rico School of Medicine", "Geisel School of Medicine at Dartmouth",
    "Warren Alpert Medical School of Brown University",
]
OSTEOPATHIC_SCHOOLS = [
    "University of New England College of Osteopathic Medicine", "Lake Erie College of Osteopathic Medicine",
    "Philadelphia College of Osteopathic Medicine", "Touro College of Osteopathic Medicine",
]
NURSING_SCHOOLS = [
    "MGH Institute of Health Professions", "Boston College Connell School of Nursing",
    "Northeastern University School of Nursing", "Simmons University School of Nursing",
    "UMass Boston Manning College of Nursing and Health Sciences",
]
PA_SCHOOLS = [
    "MGH Institute of Health Professions", "Northeastern University", "Boston University School of Medicine",
    "Tufts University School of Medicine", "MCPHS University",
]
COLLEGES = [
    "Boston College", "Northeastern University", "University of Massachusetts Amherst", "Tufts University",
    "Boston University", "University of New Hampshire", "University of Connecticut",
]
# Where residents and fellows trained (Mass General more often than the others).
HOSPITALS = [
    "Massachusetts General Hospital", "Massachusetts General Hospital", "Massachusetts General Hospital",
    "Brigham and Women's Hospital", "Beth Israel Deaconess Medical Center", "Boston Medical Center",
    "The Johns Hopkins Hospital", "NewYork-Presbyterian Hospital",
    "Hospital of the University of Pennsylvania",
    "UCSF Medical Center", "Yale New Haven Hospital", "Mayo Clinic", "Cleveland Clinic",
    "Duke University Hospital",
]
CHILDRENS_HOSPITALS = [
    "Mass General for Children", "Mass General for Children", "Boston Children's Hospital",
    "Children's Hospital of Philadelphia", "Cincinnati Children's Hospital Medical Center",
]
EYE_AND_EAR_HOSPITALS = ["Massachusetts Eye and Ear", "Massachusetts Eye and Ear", "Wills Eye Hospital"]

RESIDENCY_YEARS = {
    "General Surgery": 5, "Orthopaedic Surgery": 5, "Neurological Surgery": 7, "Urology": 5,
    "Otolaryngology – Head and Neck Surgery": 5, "Plastic Surgery": 6, "Radiation Oncology": 4,
    "Diagnostic Radiology": 4, "Psychiatry": 4, "Neurology": 4, "Obstetrics and Gynecology": 4,
}
# Residencies that begin with a separate internship year.
INTERNSHIP_FIRST = {"Dermatology", "Ophthalmology", "Radiation Oncology", "Diagnostic Radiology"}

# (credentials, share)
CREDENTIALS = [("MD", 70), ("MD, PhD", 12), ("DO", 7), ("NP", 7), ("PA-C", 4)]

INTEREST_SENTENCES = [
    "Clinical interests include {}.",
    "Special interests include {}.",
    "Areas of clinical focus: {}.",
    "Particular expertise in {}.",
]

# A doctor's second specialty, when it is not a sub-specialty of the first: the usual pairings.
RELATED_SPECIALTIES = {
    "primary-care": ["geriatrics", "sports-medicine", "infectious-diseases"],
    "pediatrics": ["allergy-immunology", "sports-medicine"],
    "pulmonology": ["sleep-medicine"],
    "neurology": ["sleep-medicine"],
    "otolaryngology": ["sleep-medicine", "plastic-surgery"],
    "orthopaedic-surgery": ["sports-medicine"],
    "physical-medicine-rehabilitation": ["sports-medicine"],
    "sports-medicine": ["primary-care"],
    "geriatrics": ["primary-care"],
    "plastic-surgery": ["hand-surgery"],
    "dermatology": ["plastic-surgery"],
    "medical-oncology": ["radiation-oncology"],
    "nephrology": ["transplant-surgery"],
}

# fmt: on

SPECIALTIES = [
    {
        "slug": slug,
        "name": name,
        "parent": parent,
        "department": department,
        "weight": weight,
        "synonyms": [word.strip() for word in synonyms.split(",")],
        "board": _SPECIALTY_TRAINING[slug][0],
        "residency": _SPECIALTY_TRAINING[slug][1],
        "fellowship": _SPECIALTY_TRAINING[slug][2],
    }
    for slug, name, parent, department, weight, synonyms in _SPECIALTY_ROWS
]
CONDITIONS = [
    (name, [word.strip() for word in synonyms.split(",")], treated_by.split())
    for name, synonyms, treated_by in _CONDITION_ROWS
]


# --- Vocabulary and places ------------------------------------------------------------------------


def _ensure(model, rows):
    """Each row's object, found by slug or by name, or created when missing; nothing is changed.

    Returns ({slug: object}, [slugs of the rows created]).
    """
    by_slug = {obj.slug: obj for obj in model.objects.all()}
    by_name = {obj.name.casefold(): obj for obj in by_slug.values()}
    found, missing = {}, []
    for row in rows:
        obj = by_slug.get(row["slug"]) or by_name.get(row["name"].casefold())
        if obj is None:
            missing.append(model(**row))
        else:
            found[row["slug"]] = obj
    for obj in model.objects.bulk_create(missing):
        found[obj.slug] = obj
    return found, [obj.slug for obj in missing]


def ensure_vocabulary():
    """Departments, specialties, conditions and languages, created where missing."""
    departments, departments_created = _ensure(Department, [{"slug": s, "name": n} for s, n in DEPARTMENTS])
    languages, languages_created = _ensure(
        Language, [{"slug": slugify(name), "name": name, "code": code} for name, code, _ in LANGUAGES]
    )
    specialties, specialties_created = _ensure(
        Specialty,
        [{"slug": s["slug"], "name": s["name"], "synonyms": "\n".join(s["synonyms"])} for s in SPECIALTIES],
    )
    new_specialties = set(specialties_created)
    for spec in SPECIALTIES:
        specialty = specialties[spec["slug"]]
        if spec["slug"] in new_specialties or specialty.department_id is None:
            # Sub-specialties, and the department whose intake staff take the specialty's requests.
            specialty.parent = specialties[spec["parent"]] if spec["parent"] else None
            specialty.department = departments[spec["department"]]
            specialty.save(update_fields=["parent", "department"])
    conditions, conditions_created = _ensure(
        Condition,
        [
            {"slug": slugify(name), "name": name, "synonyms": "\n".join(words)}
            for name, words, _ in CONDITIONS
        ],
    )
    new_conditions = set(conditions_created)
    through = Condition.specialties.through
    through.objects.bulk_create(
        [
            through(condition_id=conditions[slugify(name)].pk, specialty_id=specialties[slug].pk)
            for name, _, treated_by in CONDITIONS
            if slugify(name) in new_conditions
            for slug in treated_by
        ],
        ignore_conflicts=True,
    )
    return {
        "departments": departments,
        "languages": languages,
        "specialties": specialties,
        "conditions": conditions,
        "created": {
            "departments": len(departments_created),
            "languages": len(languages_created),
            "specialties": len(specialties_created),
            "conditions": len(conditions_created),
        },
    }


def ensure_locations():
    """The main campus, its buildings and garages, and community sites, created where missing.

    Returns ({slug: location}, number created).
    """
    existing = {loc.slug: loc for loc in Location.objects.all()}
    created = 0

    def get_or_create(fields):
        nonlocal created
        location = existing.get(fields["slug"])
        if location is None:
            location = existing[fields["slug"]] = Location.objects.create(**fields)
            created += 1
        return location

    campus = get_or_create(MAIN_CAMPUS)
    for name, lat, lon, _, _ in CAMPUS_BUILDINGS:
        get_or_create(
            {
                "slug": slugify(name),
                "name": name,
                "kind": Location.Kind.BUILDING,
                "parent": campus,
                "street": MAIN_CAMPUS["street"],
                "city": MAIN_CAMPUS["city"],
                "zip_code": MAIN_CAMPUS["zip_code"],
                "latitude": lat,
                "longitude": lon,
                "phone": MAIN_CAMPUS["phone"],
                "is_demo": True,
            }
        )
    for name, street, lat, lon in GARAGES:
        get_or_create(
            {
                "slug": slugify(name),
                "name": name,
                "kind": Location.Kind.GARAGE,
                "parent": campus,
                "street": street,
                "city": "Boston",
                "zip_code": "02114",
                "latitude": lat,
                "longitude": lon,
                "is_demo": True,
            }
        )
    for name, kind, street, city, zip_code, lat, lon, phone in COMMUNITY_SITES:
        get_or_create(
            {
                "slug": slugify(name),
                "name": name,
                "kind": kind,
                "street": street,
                "city": city,
                "zip_code": zip_code,
                "latitude": lat,
                "longitude": lon,
                "phone": phone,
                "is_demo": True,
            }
        )
    return existing, created


# --- Doctors --------------------------------------------------------------------------------------


def _terms(vocabulary):
    return [vocabulary.name, *(line.strip() for line in vocabulary.synonyms.splitlines() if line.strip())]


def _in_sentence(name):
    """A condition's name as it reads inside a sentence: 'Heart failure' -> 'heart failure'."""
    first = name.split()[0]
    if first.isupper() or "'" in first or first in {"Lyme", "Parkinson", "Crohn"}:
        return name
    return name[0].lower() + name[1:]


def _listed(items):
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _slug_base(first, last):
    return slugify(f"{first} {last}".replace("Đ", "D").replace("đ", "d")) or "doctor"


class _DirectoryMaker:
    """Makes fictional doctors coherent with the vocabulary and places found in the database."""

    def __init__(self, seed, count, vocabulary, locations):
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security  # nosec B311
        self.seed = seed
        self.count = count
        self.today = timezone.localdate()
        self.name_pools = {}
        spec_data = {s["slug"]: s for s in SPECIALTIES}
        self.spec_data = spec_data
        self.specialties = vocabulary["specialties"]  # our slug -> Specialty
        self.departments = vocabulary["departments"]
        spec_by_pk = {s.pk: s for s in Specialty.objects.all()}
        self.spec_terms = {pk: (s.name, _terms(s)) for pk, s in spec_by_pk.items()}
        self.condition_terms = {c.pk: (c.name, _terms(c)) for c in Condition.objects.all()}
        conditions_of = {}
        for condition_id, specialty_id in Condition.specialties.through.objects.values_list(
            "condition_id", "specialty_id"
        ).order_by("pk"):
            conditions_of.setdefault(specialty_id, []).append(condition_id)
        self.conditions_of = conditions_of
        known = {self.specialties[slug].pk: slug for slug in spec_data}
        # Main specialties, weighted, and their sub-specialties.
        self.primaries = [slug for slug, s in spec_data.items() if s["weight"]]
        self.primary_weights = [spec_data[slug]["weight"] for slug in self.primaries]
        self.subspecialties = {}
        for slug in spec_data:
            specialty = self.specialties[slug]
            if specialty.parent_id in known:
                self.subspecialties.setdefault(known[specialty.parent_id], []).append(slug)
        # Languages: English, plus others with their shares.
        self.languages = vocabulary["languages"]
        self.english = self.languages["english"]
        self.other_languages = [(slugify(n), code, share) for n, code, share in LANGUAGES if share]
        # Where doctors practise: published buildings, health centers and practices.
        eligible = [
            loc
            for loc in sorted(locations.values(), key=lambda loc: loc.pk)
            if loc.kind in PRACTICE_KINDS and loc.is_published
        ]
        building_weights = {slugify(name): weight for name, _, _, weight, _ in CAMPUS_BUILDINGS}
        self.campus = [loc for loc in eligible if loc.kind == Location.Kind.BUILDING]
        self.campus_weights = [building_weights.get(loc.slug, 2) for loc in self.campus]
        self.community = [loc for loc in eligible if loc.kind != Location.Kind.BUILDING]
        self.eligible = eligible
        self.home_buildings = {}
        eligible_by_slug = {loc.slug: loc for loc in self.campus}
        for name, _, _, _, departments in CAMPUS_BUILDINGS:
            for department in departments:
                if slugify(name) in eligible_by_slug:
                    self.home_buildings.setdefault(department, []).append(eligible_by_slug[slugify(name)])
        self.area_codes = {}
        for loc in eligible:
            match = re.match(r"\d{3}", loc.phone or "")
            self.area_codes[loc.pk] = match.group() if match else "617"

    def name_pool(self, locale):
        """Names drawn once from Faker (its draws are slow), then picked from at random."""
        if locale not in self.name_pools:
            # Imported here: Faker is a demo dependency, not installed in production, where this
            # module is still imported (the deploy checks read load_demo's demo password).
            from faker import Faker

            fake = Faker(locale, providers=["faker.providers.person"])
            fake.seed_instance(self.seed)
            size = max(60, min(3 * self.count, 2000 if locale == "en_US" else 300))
            self.name_pools[locale] = {
                Doctor.Gender.FEMALE: [fake.first_name_female() for _ in range(size)],
                Doctor.Gender.MALE: [fake.first_name_male() for _ in range(size)],
                Doctor.Gender.NONBINARY: [fake.first_name_nonbinary() for _ in range(max(20, size // 10))],
                "last": [fake.last_name() for _ in range(size * 2)],
            }
        return self.name_pools[locale]

    def pick_languages(self):
        rng = self.rng
        extra = rng.choices([0, 1, 2], weights=[64, 29, 7])[0]
        chosen = []
        pool = list(self.other_languages)
        for _ in range(extra):
            slug, code, _ = rng.choices(pool, weights=[share for _, _, share in pool])[0]
            chosen.append((slug, code))
            pool = [p for p in pool if p[0] != slug]
        speaks_english = rng.random() < 0.995 or not chosen
        languages = ([self.english] if speaks_english else []) + [self.languages[slug] for slug, _ in chosen]
        return languages, [code for _, code in chosen]

    def pick_locations(self, department_slug):
        rng = self.rng
        if not self.eligible:
            return []
        in_community = self.community and (
            not self.campus or rng.random() < COMMUNITY_SHARE.get(department_slug, 0.15)
        )
        if in_community:
            first = rng.choice(self.community)
        elif self.home_buildings.get(department_slug) and rng.random() < 0.7:
            first = rng.choice(self.home_buildings[department_slug])
        else:
            first = rng.choices(self.campus, weights=self.campus_weights)[0]
        chosen = [first]
        wanted = rng.choices([1, 2, 3], weights=[55, 35, 10])[0]
        for _ in range(wanted - 1):
            others = [loc for loc in self.eligible if loc not in chosen]
            if not others:
                break
            chosen.append(rng.choice(others))
        return chosen

    def training(self, credentials, primary, second):
        """[(kind, institution, year)] and the board certification (board, year)."""
        rng = self.rng
        this_year = self.today.year
        spec = self.spec_data[primary]
        sub = self.spec_data[second] if second in self.subspecialties.get(primary, []) else None
        if credentials in ("NP", "PA-C"):
            start = rng.randint(1995, this_year - 3)
            if credentials == "NP":
                school = rng.choice(NURSING_SCHOOLS)
                rows = [
                    (Training.Kind.OTHER, f"{school}, Bachelor of Science in Nursing", start - 4),
                    (
                        Training.Kind.OTHER,
                        f"{school}, Master of Science in Nursing (Nurse Practitioner)",
                        start,
                    ),
                ]
                board = (
                    "American Academy of Nurse Practitioners Certification Board — Family Nurse Practitioner"
                )
                if primary in ("pediatrics", "pediatric-cardiology"):
                    board = (
                        "Pediatric Nursing Certification Board — Pediatric Primary Care Nurse Practitioner"
                    )
            else:
                rows = [
                    (Training.Kind.OTHER, f"{rng.choice(COLLEGES)}, Bachelor of Science", start - 3),
                    (
                        Training.Kind.OTHER,
                        f"{rng.choice(PA_SCHOOLS)}, Master of Physician Assistant Studies",
                        start,
                    ),
                ]
                if rng.random() < 0.4:
                    rows.append(
                        (
                            Training.Kind.FELLOWSHIP,
                            f"Massachusetts General Hospital, {spec['name']} PA fellowship",
                            start + 1,
                        )
                    )
                board = "National Commission on Certification of Physician Assistants — Physician Assistant"
            return rows, (board, start + 1)
        residency = (sub or spec)["residency"]
        fellowship = (sub or spec)["fellowship"]
        res_years = RESIDENCY_YEARS.get(residency, 3)
        fel_years = rng.choice([2, 3]) if fellowship else 0
        graduated = rng.randint(1980, this_year - res_years - fel_years - 1)
        school = rng.choice(OSTEOPATHIC_SCHOOLS if credentials == "DO" else MEDICAL_SCHOOLS)
        if primary == "pediatrics" or residency == "Pediatrics":
            hospitals = CHILDRENS_HOSPITALS
        elif primary in ("ophthalmology", "otolaryngology"):
            hospitals = EYE_AND_EAR_HOSPITALS
        else:
            hospitals = HOSPITALS
        rows = [(Training.Kind.MEDICAL_SCHOOL, school, graduated)]
        year = graduated
        if residency in INTERNSHIP_FIRST and not fellowship:
            year += 1
            rows.append((Training.Kind.INTERNSHIP, f"{rng.choice(HOSPITALS)}, Internal Medicine", year))
            res_years -= 1
        year += res_years
        rows.append((Training.Kind.RESIDENCY, f"{rng.choice(hospitals)}, {residency}", year))
        if fellowship:
            year += fel_years
            rows.append((Training.Kind.FELLOWSHIP, f"{rng.choice(hospitals)}, {fellowship}", year))
        board = (sub or spec)["board"]
        return rows, (board, min(year + 1, this_year))

    def plan(self, index, slugs, npis):
        """One doctor, unsaved, and the rows that go with it; index: its place in the directory."""
        rng = self.rng
        primary = rng.choices(self.primaries, weights=self.primary_weights)[0]
        second = None
        # A sub-specialty for about a third of those whose specialty has some; a related second
        # specialty for about one in ten of the others.
        subs = self.subspecialties.get(primary)
        if subs and rng.random() < 0.35:
            second = rng.choice(subs)
        elif not subs and RELATED_SPECIALTIES.get(primary) and rng.random() < 0.1:
            second = rng.choice(RELATED_SPECIALTIES[primary])
        specialty_ids = [self.specialties[primary].pk] + ([self.specialties[second].pk] if second else [])
        pool = sorted({c for pk in specialty_ids for c in self.conditions_of.get(pk, [])})
        condition_ids = rng.sample(pool, min(len(pool), rng.randint(3, 8)))
        department = self.departments[self.spec_data[primary]["department"]]

        languages, extra_codes = self.pick_languages()
        locale = "en_US"
        for code in extra_codes:
            if code in NAME_LOCALES and rng.random() < NAME_LOCALES[code][1]:
                locale = NAME_LOCALES[code][0]
                break
        gender = rng.choices(
            [Doctor.Gender.FEMALE, Doctor.Gender.MALE, Doctor.Gender.NONBINARY, ""], weights=[51, 47, 1, 1]
        )[0]
        names = self.name_pool(locale)
        first_names = (
            names[gender] if gender else names[rng.choice([Doctor.Gender.FEMALE, Doctor.Gender.MALE])]
        )
        first, last = rng.choice(first_names), rng.choice(names["last"])
        base = slug = _slug_base(first, last)
        n = 1
        while slug in slugs:
            n += 1
            slug = f"{base}-{n}"
        slugs.add(slug)
        while True:
            prefix = str(rng.randint(100_000_000, 299_999_999))
            npi = prefix + npi_check_digit(prefix)
            if npi not in npis:
                npis.add(npi)
                break
        credentials = rng.choices([c for c, _ in CREDENTIALS], weights=[w for _, w in CREDENTIALS])[0]

        shown = [_in_sentence(self.condition_terms[c][0]) for c in condition_ids[:4]]
        interests = rng.choice(INTEREST_SENTENCES).format(_listed(shown)) if shown else ""
        accepting = rng.choices(
            [Doctor.Accepting.YES, Doctor.Accepting.REFERRAL, Doctor.Accepting.NO], weights=[75, 15, 10]
        )[0]
        full_name = f"{first} {last}"
        words = [full_name, interests]
        for _, terms in sorted((self.spec_terms[pk] for pk in specialty_ids), key=lambda t: t[0]):
            words.extend(terms)
        for _, terms in sorted((self.condition_terms[c] for c in condition_ids), key=lambda t: t[0]):
            words.extend(terms)
        words.append(department.name)
        doctor = Doctor(
            first_name=first,
            last_name=last,
            full_name=full_name,
            credentials=credentials,
            slug=slug,
            gender=gender,
            department=department,
            clinical_interests=interests,
            accepting_new_patients=accepting,
            accepting_confirmed_on=self.today - timedelta(days=rng.randint(0, 119)),
            offers_virtual_visits=rng.random() < 0.5,
            npi=npi,
            # A few unpublished doctors, at fixed places, so tests can check they never show.
            is_published=index % 50 != 17,
            is_demo=True,
        )
        locations = self.pick_locations(department.slug if department else "")
        training, board = self.training(credentials, primary, second)
        return {
            "doctor": doctor,
            "specialties": specialty_ids,
            "conditions": condition_ids,
            "languages": [lang.pk for lang in languages],
            "practices": [
                (loc.pk, f"{self.area_codes[loc.pk]}-555-01{rng.randint(0, 99):02d}") for loc in locations
            ],
            "training": training,
            "board": board,
            "search_text": " ".join(words).lower(),
        }


def _save_batch(plans):
    doctors = Doctor.objects.bulk_create([p["doctor"] for p in plans])
    specialties = Doctor.specialties.through
    conditions = Doctor.conditions.through
    languages = Doctor.languages.through
    spec_rows, cond_rows, lang_rows, practices, trainings, boards = [], [], [], [], [], []
    searches = []
    for doctor, plan in zip(doctors, plans, strict=True):
        pk = doctor.pk
        searches.append(DoctorSearch(doctor_id=pk, text=plan["search_text"]))
        spec_rows.extend(specialties(doctor_id=pk, specialty_id=s) for s in plan["specialties"])
        cond_rows.extend(conditions(doctor_id=pk, condition_id=c) for c in plan["conditions"])
        lang_rows.extend(languages(doctor_id=pk, language_id=lang) for lang in plan["languages"])
        practices.extend(
            Practice(doctor_id=pk, location_id=loc, phone=phone, order=order)
            for order, (loc, phone) in enumerate(plan["practices"])
        )
        trainings.extend(
            Training(doctor_id=pk, kind=kind, institution=institution, year=year)
            for kind, institution, year in plan["training"]
        )
        board, year = plan["board"]
        boards.append(BoardCertification(doctor_id=pk, board=board, year=year))
    specialties.objects.bulk_create(spec_rows)
    conditions.objects.bulk_create(cond_rows)
    languages.objects.bulk_create(lang_rows)
    Practice.objects.bulk_create(practices)
    Training.objects.bulk_create(trainings)
    BoardCertification.objects.bulk_create(boards)
    DoctorSearch.objects.bulk_create(searches)
    return [d.pk for d in doctors]


def ensure_doctors(doctor_count, seed, vocabulary, locations):
    """Top the directory up to doctor_count doctors; returns how many were created."""
    existing = Doctor.objects.count()
    missing = doctor_count - existing
    if missing <= 0:
        return 0
    maker = _DirectoryMaker(seed + existing, missing, vocabulary, locations)
    slugs = set(Doctor.objects.values_list("slug", flat=True))
    npis = set(Doctor.objects.values_list("npi", flat=True))
    first_pk = last_pk = None
    for start in range(0, missing, BATCH_SIZE):
        plans = [
            maker.plan(existing + i, slugs, npis) for i in range(start, min(start + BATCH_SIZE, missing))
        ]
        pks = _save_batch(plans)
        first_pk = pks[0] if first_pk is None else first_pk
        last_pk = pks[-1]
    # One UPDATE for the full-text vectors of the new doctors (a no-op off PostgreSQL).
    Doctor.objects.filter(pk__gte=first_pk, pk__lte=last_pk).update_search_vectors()
    if connection.vendor == "postgresql":
        # Fresh statistics after a bulk load, or the planner guesses the tables are nearly empty.
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE doctors_doctor, doctors_doctorsearch, doctors_doctor_specialties, doctors_practice"
            )
    return missing


def ensure_directory(doctor_count: int = 300, seed: int = 2026) -> dict:
    """Make sure the demo directory exists and holds at least doctor_count doctors.

    Idempotent: existing vocabulary, locations and doctors are left as they are; only what is
    missing is created. Reruns with the same arguments on the same data make the same doctors.
    """
    with transaction.atomic():
        vocabulary = ensure_vocabulary()
        locations, locations_created = ensure_locations()
        created = ensure_doctors(doctor_count, seed, vocabulary, locations)
    directory_changed()  # bulk_create sends no signals: the cached directory pages are stale
    return {
        "doctors": Doctor.objects.count(),
        "doctors_created": created,
        "locations_created": locations_created,
        **{f"{name}_created": count for name, count in vocabulary["created"].items()},
    }
