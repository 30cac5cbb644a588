"""A rule-based, explainable assessor of outcome statements.

Participants rewrite deliverables as outcomes ("a change in human behaviour that drives business
results", Seiden 2019). This module reads one statement and says whether it describes an
**output** (what the team makes or does) or an **outcome** (what other people do differently),
ticks the seven rubric criteria from the content brief, and gives short hints that quote the
participant's own words.

Why rules and not a model: the verdict has to be explainable in class ("why did it tick
*baseline*?"), reproducible in grading, instant on a laptop with no network, and light to
import. Every tick therefore carries the words that earned it (``Assessment.evidence``).

The rules look at sentence *structure* rather than a domain vocabulary, so they carry over to
industries the course never mentions:

1. Kind. A statement whose main clause opens with a delivery verb whose doer is the team
   ("Launch X", "We will migrate X", "Rollout of X", "X will be delivered", "X goes live") is an
   output, even when it carries numbers, dates, uptime or budgets. A statement in which a
   non-team actor does something ("members redeem", "fewer patients miss"), or in which a
   behaviour metric moves ("complaints fall", "increase the share of claims filed online"), is
   an outcome. Numbers never decide the kind.
2. Criteria. Each criterion is a small set of patterns (see the word lists below), matched on the
   main clause; the guardrail clause ("while ...", "without raising ...") is cut off first so
   that, say, "below 2%" in a guardrail is not mistaken for the target.

3. Traps. In an outcome, a traction measure (use of a feature: opens, clicks, logins, downloads, page
   views, conversations started, active users of a tool), a vanity volume or an attitude (satisfaction,
   trust, feeling, NPS alone) unticks *behaviour*, and ``Assessment.why`` says why in one sentence. The
   team as subject and a channel-only shift are named too. Nothing ticked for who and behaviour is
   "unclear", never an outcome. Hints come most important first; ``Assessment.next_hint`` is the first.

Word lists are data, kept at the top of the module. Regular expressions are compiled once, at
import time, so one call takes a fraction of a millisecond.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from workshop_utils.errors import WorkshopError

__all__ = ["CRITERIA", "LABELS", "Assessment", "assess"]

CRITERIA = ("who", "behaviour", "measure", "baseline", "target", "timeframe", "guardrail")
LABELS = {
    "who": "Whose behaviour changes?",
    "behaviour": "What will they do differently?",
    "measure": "How is it counted?",
    "baseline": "Where is it today?",
    "target": "Where should it be?",
    "timeframe": "By when?",
    "guardrail": "What must not get worse while we push it?",
}
REQUIRED = CRITERIA[:6]  # the guardrail is good practice, not required for a well-formed outcome

MAX_CHARS = 2000  # longer text is cut to its first sentence(s) within this many characters
MAX_SENTENCES = 2

# =============================================================================================
# Word lists (data). Verbs are given as base forms; inflections are generated below.
# =============================================================================================

# Verbs that describe what a team makes or does. Leading the main clause (imperative, "we will
# ...", "the team will ...") they make the statement an output.
DELIVERY_VERBS = (
    "launch", "relaunch", "ship", "build", "rebuild", "develop", "create", "deliver", "implement", "install",
    "deploy", "migrate", "roll", "release", "publish", "introduce", "set", "design", "redesign", "replace",
    "upgrade", "integrate", "automate", "digitise", "digitize", "digitalise", "complete", "finish", "hire",
    "recruit", "train", "retrain", "upskill", "reskill", "hold", "run", "organise", "organize", "host", "send",
    "open", "add", "configure", "procure", "purchase", "buy", "write", "rewrite", "produce", "translate",
    "refactor", "modernise", "modernize", "replatform", "consolidate", "decommission", "retire", "sunset",
    "conduct", "prepare", "draft", "document", "establish", "equip", "distribute", "print", "renovate",
    "refurbish", "retrofit", "construct", "fit", "put", "pilot", "prototype", "trial", "test", "audit", "map",
    "define", "sign", "negotiate", "license", "certify", "accredit", "refresh", "revamp", "overhaul",
    "standardise", "standardize", "centralise", "centralize", "outsource", "insource", "onboard", "connect",
    "link", "move", "transfer", "convert", "stand", "spin", "go", "kick", "start", "begin", "finalise",
    "finalize", "approve", "select", "choose", "evaluate", "assess", "analyse", "analyze", "research",
    "survey", "interview", "contract", "tender", "commission", "fund", "allocate", "reorganise", "reorganize",
    "restructure", "rebrand", "code", "engineer", "package", "bundle", "update", "clean", "cleanse", "archive",
    "patch", "encrypt", "harden", "scale", "extend", "expand", "close", "merge", "unify", "film", "record",
    "mail", "email", "notify", "announce", "advertise", "promote", "market", "brief", "educate", "coach",
    "mentor", "teach", "visit", "contact", "call", "attend", "present", "exhibit", "sponsor", "partner",
    "provide", "supply", "dispatch", "stock", "order", "remove", "deprecate", "simplify", "streamline",
    "rationalise", "rationalize", "renew", "rewire", "replan", "plan", "schedule", "staff",
    "inspect", "review", "catalogue", "index", "tag", "label", "fix", "repair", "maintain", "redevelop",
    "relocate", "rename", "stage", "issue", "make",
)

# Verbs that grant a capability ("Let customers track parcels", "Enable SSO"): the team makes
# something possible, nobody is yet doing anything differently, so they lead to an output.
CAPABILITY_VERBS = ("enable", "allow", "let", "give", "offer", "provide", "make", "permit", "equip", "empower")

# Verbs that move a metric. Leading the main clause they make an outcome when their object is a
# behaviour (or a business result), and an output when it is an artefact or a property of a system.
CHANGE_VERBS = (
    "increase", "raise", "grow", "boost", "improve", "reduce", "cut", "lower", "decrease", "halve", "double",
    "triple", "quadruple", "lift", "drive", "shorten", "accelerate", "minimise", "minimize", "maximise",
    "maximize", "prevent", "avoid", "shrink", "shift", "bring", "push", "stop", "slash", "curb", "tackle",
    "achieve", "reach", "hit", "keep", "sustain", "win", "retain", "attract", "eliminate", "speed", "widen",
    "narrow", "limit", "cap", "contain", "diminish", "fight", "combat", "stem", "lessen", "trim", "deepen",
    "strengthen", "recover", "restore", "regain", "protect", "gain", "generate", "earn", "save", "secure",
    "acquire", "convert", "expand", "extend", "move", "get",
)

# Change verbs that mainly move things rather than metrics: an output unless their object is a
# behaviour or a business result ("Move payroll to the cloud" vs "Move 30% of calls to chat").
WEAK_CHANGE_VERBS = frozenset((
    "move", "shift", "bring", "push", "convert", "extend", "expand", "achieve", "secure", "get", "keep", "win",
    "gain", "reach", "hit", "protect", "restore", "recover", "regain", "sustain", "strengthen", "acquire",
    "attract", "generate", "earn", "save", "stop", "speed", "widen", "deepen", "contain", "fight", "combat",
))
# Where the object of a leading verb ends.
OBJECT_BOUNDARIES = frozenset(("from", "to", "by", "within", "while", "whilst", "with", "in", "on", "at", "for",
                               "across", "through", "so", "without", "before", "until", "during", "over",
                               "under", "below", "above", "via", "and"))

# Verbs that change what *people* do ("Help small businesses file on time", "Get members to
# book"): followed by an actor they make an outcome.
INFLUENCE_VERBS = (
    "help", "get", "encourage", "persuade", "motivate", "nudge", "inspire", "convince", "support", "coax",
    "prompt", "remind", "steer", "move", "bring", "win", "turn",
)

# Verbs for a metric moving on its own ("complaints fall", "adoption grows").
MOVE_VERBS = (
    "rise", "fall", "grow", "drop", "increase", "decrease", "improve", "double", "halve", "triple", "reach",
    "hit", "climb", "decline", "go", "shrink", "exceed", "surpass", "top", "jump", "slip", "dip", "ease",
    "rebound", "recover", "stay", "remain", "settle", "reduce", "lower", "soar", "plummet", "worsen", "level",
)

# Behaviour verbs: common things people (customers, staff, partners, citizens...) do. The
# assessor also accepts an unknown verb right after an actor ("tenants *report*"), so this list
# only has to cover verbs that sit further away ("users of the payroll module *run* payroll").
BEHAVIOUR_VERBS = (
    "use", "book", "buy", "pay", "renew", "call", "phone", "ring", "visit", "return", "file", "submit", "apply",
    "log", "open", "redeem", "complete", "switch", "choose", "recommend", "order", "reorder", "share", "attend",
    "miss", "cancel", "churn", "leave", "join", "sign", "register", "enrol", "enroll", "download", "upload",
    "install", "update", "report", "track", "check", "read", "click", "engage", "respond", "reply", "ask",
    "contact", "chat", "collect", "pick", "scan", "record", "follow", "adopt", "spend", "save", "invest",
    "borrow", "repay", "donate", "give", "volunteer", "recycle", "travel", "ride", "drive", "walk", "cycle",
    "take", "stay", "wait", "arrive", "reuse", "review", "rate", "vote", "comment", "post", "watch", "listen",
    "play", "subscribe", "unsubscribe", "upgrade", "downgrade", "quit", "stop", "start", "continue", "keep",
    "find", "accept", "decline", "refer", "trust", "prefer", "opt", "schedule", "flag", "approve", "raise",
    "escalate", "resolve", "answer", "handle", "process", "serve", "treat", "prescribe", "diagnose",
    "discharge", "learn", "study", "pass", "graduate", "sell", "list", "quote", "bid", "settle", "claim",
    "lodge", "declare", "comply", "self-serve", "complain", "query", "enquire", "inquire", "abandon",
    "convert", "purchase", "search", "browse", "compare", "tap", "pre-order", "reserve", "rent",
    "lease", "hire", "exercise", "eat", "sleep", "smoke", "drink", "vaccinate", "screen", "test", "consult",
    "shop", "login", "log-in", "sign-in", "self-refer", "create", "build", "publish", "write",
    "send", "transfer", "top", "withdraw", "deposit", "insure", "cover", "protect", "plan", "prepare", "run",
    "manage", "monitor", "measure", "act", "work", "stick", "come", "opt-in", "opt-out",
)

# Verbs that report a feeling or opinion rather than an action ("guests rate their stay", "staff feel
# valued"): a change in people, so an outcome, but not a behaviour (the rubric scores attitudes 0).
ATTITUDE_VERBS = ("rate", "feel", "like", "love", "enjoy", "value", "appreciate", "believe", "think", "say",
                  "agree", "perceive", "consider", "worry", "fear", "trust")

# ---- Traps: measures that look like behaviour but are not (the rubric scores them 0) -----------
# Things a team makes that people can only *use*: opening, clicking, viewing or switching one on counts
# use of a feature (a traction metric), not a change in what people achieve with it.
DIGITAL_THINGS = frozenset((
    "app", "apps", "feature", "features", "dashboard", "dashboards", "chatbot", "chatbots", "bot", "bots",
    "website", "site", "web", "page", "pages", "homepage", "portal", "button", "buttons", "module", "modules",
    "widget", "widgets", "platform", "screen", "screens", "tab", "menu", "notification", "notifications",
    "newsletter", "newsletters", "email", "emails", "link", "links", "tool", "tools", "assistant", "chat",
    "recommendations", "alerts", "alert", "reminder", "reminders", "toolbar", "intranet", "extension",
    "form", "forms", "checklist", "checklists", "display", "displays", "video", "videos", "podcast", "podcasts",
    "tutorial", "tutorials", "messages", "message", "documentation", "docs", "mode", "modes", "code", "codes",
    "qr",
))
# Verbs of using a thing: with a digital thing as their object they count traction.
TRACTION_VERBS = ("use", "open", "click", "tap", "view", "visit", "access", "try", "engage", "browse",
                  "activate", "enable", "launch", "explore", "download", "install", "see", "read", "watch",
                  "play", "stream", "chat", "talk", "ask", "adopt", "message", "scan", "look")
# Phrasal forms: "switch on the reminder feature", "sign up to the app", "log in to the portal".
TRACTION_PHRASAL = ("switch", "turn", "sign", "log", "opt")
# Attitudes and opinions: a change in people, but not in what they do.
ATTITUDE_ADJECTIVES = frozenset((
    "happier", "happy", "satisfied", "content", "confident", "aware", "supported", "valued",
    "proud", "comfortable", "positive", "welcome", "welcomed", "informed", "reassured", "pleased", "delighted",
    "satisfied", "unhappy", "frustrated", "dissatisfied", "anxious", "loyal", "keen", "enthusiastic",
))
ATTITUDE_METRICS = frozenset((
    "satisfaction", "nps", "csat", "trust", "happiness", "awareness", "sentiment", "rating", "ratings",
    "perception", "perceptions", "confidence", "favourability", "favorability", "promoter", "wellbeing",
))

# Nouns for counted behaviour ("call volume", "no-shows", "adoption of e-invoicing"). When one
# of these is followed by an artefact noun it is a modifier ("booking system") and does not count.
BEHAVIOUR_NOUNS = frozenset((
    "call", "calls", "complaint", "complaints", "visit", "visits", "purchase", "purchases", "repurchase",
    "repurchases", "booking", "bookings", "claim", "claims", "return", "returns", "renewal", "renewals",
    "cancellation", "cancellations", "sign-up", "sign-ups", "signup", "signups", "registration",
    "registrations", "enrolment", "enrolments", "enrollment", "enrollments", "subscription", "subscriptions",
    "referral", "referrals", "login", "logins", "log-ins", "redemption", "redemptions", "churn", "retention",
    "adoption", "usage", "use", "uptake", "take-up", "engagement", "participation", "attendance", "no-show",
    "no-shows", "absence", "absences", "abandonment", "drop-off", "drop-offs", "conversion", "conversions",
    "click", "clicks", "click-through", "payment", "payments", "transaction", "transactions", "reorder",
    "reorders", "recommendation", "recommendations", "contact", "contacts", "enquiry", "enquiries", "inquiry",
    "inquiries", "ticket", "tickets", "request", "requests", "escalation", "escalations", "appointment",
    "appointments", "reuse", "recycling", "switching", "arrears", "readmission", "readmissions", "repeat",
    "downloads", "download", "orders", "reservations", "reservation", "applications", "submissions",
    "submission", "uploads", "responses", "response", "rentals", "rental", "pickups", "pick-ups",
    "collections", "donations", "donation", "deposits", "withdrawals", "repayments", "repayment", "defaults",
    "default", "lapses", "lapse", "attrition", "turnover", "turn-over", "spend", "spending", "footfall",
    "ridership", "take-up", "opt-outs", "opt-ins", "opt-in", "opt-out", "visits", "sessions", "queries",
    "searches", "reviews", "ratings", "referrals", "walk-ins", "walkouts", "dropouts", "drop-outs",
    "completions", "completion", "compliance", "self-service", "unsubscribes", "upgrades", "cross-sell",
    "upsell", "re-offending", "reoffending", "missed", "shares", "downloads", "streams", "views", "opens",
    "redemption", "recommend", "referral", "abandoned", "cancelled", "canceled", "unpaid", "overdue", "basket",
    "baskets",
))

# Adjectives that make an actor count a behaviour ("monthly active users", "returning customers").
BEHAVIOUR_ADJECTIVES = frozenset((
    "active", "returning", "repeat", "paying", "engaged", "lapsed", "churned", "retained", "regular",
    "frequent", "recurring", "converting", "self-serving", "dormant", "inactive", "loyal",
))

# Whose behaviour can change. Words ending like actor nouns (-ers, -ants, -ists...) are also
# accepted unless listed in NOT_ACTORS.
ACTORS = frozenset((
    # People nouns in -ders, -ters and -pers, which the ending rule leaves out (it keeps "letters" and "meters" out)
    "renters", "renter", "founders", "leaders", "helpers", "campers", "promoters", "adopters", "voters", "commuters",
    "supporters", "readers", "riders", "traders", "lenders", "developers", "shoppers", "shippers", "exporters",
    "importers", "recruiters", "bidders", "writers", "creators", "bloggers", "shareholders", "reporters", "carers",
    "customer", "customers", "client", "clients", "user", "users", "member", "members", "people", "person",
    "staff", "employees", "employee", "colleagues", "workers", "students", "student", "pupils", "learners",
    "patients", "patient", "citizens", "citizen", "residents", "resident", "claimants", "claimant",
    "applicants", "applicant", "tenants", "tenant", "households", "household", "families", "parents",
    "businesses", "smes", "companies", "firms", "organisations", "organizations", "charities", "schools",
    "hospitals", "practices", "clinics", "councils", "shoppers", "buyers", "sellers", "merchants", "retailers",
    "suppliers", "vendors", "partners", "dealers", "brokers", "distributors", "hauliers", "carriers",
    "couriers", "drivers", "riders", "passengers", "travellers", "travelers", "commuters", "visitors",
    "guests", "diners", "fans", "viewers", "listeners", "readers", "subscribers", "players", "gamers",
    "donors", "volunteers", "supporters", "farmers", "growers", "teachers", "lecturers", "academics",
    "researchers", "graduates", "alumni", "nurses", "doctors", "clinicians", "gps", "pharmacists", "midwives",
    "carers", "caregivers", "physicians", "surgeons", "dentists", "vets", "engineers", "developers",
    "analysts", "managers", "agents", "advisers", "advisors", "reps", "representatives", "salespeople",
    "cashiers", "pickers", "packers", "technicians", "installers", "inspectors", "officers", "caseworkers",
    "homeowners", "landlords", "borrowers", "lenders", "savers", "investors", "policyholders",
    "shareholders", "account-holders", "cardholders", "taxpayers", "voters", "motorists", "cyclists",
    "pedestrians", "athletes", "owners", "operators", "contractors", "freelancers", "creators", "authors",
    "sellers", "hosts", "admins", "administrators", "accountants", "lawyers", "solicitors", "recruiters",
    "candidates", "hires", "starters", "joiners", "leavers", "recruits", "jobseekers", "job-seekers", "seekers",
    "trainees", "apprentices", "interns", "retirees",
    "pensioners", "savers", "consumers", "purchasers", "bidders", "exporters", "importers", "manufacturers",
    "wholesalers", "pharmacies", "stores", "branches", "depots", "hotels", "restaurants", "venues", "everyone",
    "anyone", "adults", "children", "teenagers", "women", "men", "veterans", "migrants", "newcomers",
    "beneficiaries", "recipients", "participants", "respondents", "attendees", "delegates", "fleets",
    "groups", "team-members", "colleague", "agent", "driver", "farmer", "nurse", "teacher", "supplier", "partner",
    "shopper", "buyer", "seller", "visitor", "guest", "passenger", "traveller", "donor", "subscriber",
    "borrower", "policyholder", "homeowner", "landlord", "learner", "pupil", "graduate", "clinician",
    "doctor", "pharmacist", "engineer", "developer", "manager", "adviser", "advisor", "merchant", "retailer",
    "business", "sme", "company", "firm", "organisation", "motorist", "commuter", "reader", "viewer",
    "player", "fan", "owner", "operator", "contractor", "investor", "saver", "taxpayer", "voter", "carer",
    "volunteer", "consumer", "public", "audiences", "communities", "institutions", "universities",
    "colleges", "practitioners", "professionals", "specialists", "therapists", "counsellors", "coaches",
    "stylists", "chefs", "cooks", "mechanics", "electricians", "plumbers", "builders", "tradespeople",
    "fishers", "fishermen", "shippers", "consignees", "importers", "traders", "agencies", "insurers",
    "banks", "lenders", "underwriters", "adjusters", "assessors", "surveyors", "planners", "schedulers",
    "dispatchers", "controllers", "pilots", "crews", "crew", "porters", "cleaners", "guards", "wardens",
    "rangers", "librarians", "archivists", "curators", "editors", "journalists", "writers", "designers",
    "marketers", "sales", "admissions",
))

# Nouns for a segment of customers that are things elsewhere ("Trial accounts invite colleagues" vs "open
# accounts"): an actor only when a verb follows.
SEGMENT_NOUNS = frozenset(("accounts", "workspaces", "tenancies", "subscriptions"))
# Words that name a segment when they precede an actor ("Trial accounts", "Free users"), though some are verbs.
SEGMENT_MODIFIERS = frozenset(("trial", "free", "paid", "premium", "enterprise", "pilot", "test", "business",
                               "new", "returning", "first-time", "repeat", "basic", "pro", "starter", "beta",
                               "early", "key", "small", "large", "rural", "urban", "younger", "older", "frequent"))

# Actors that take a plural verb without a plural -s ("staff answer", "people book").
MASS_ACTORS = frozenset(("staff", "people", "public", "everyone", "anyone", "crew", "alumni", "police",
                         "personnel", "workforce", "faculty", "clergy", "youth", "gps", "smes"))

# Words that look like actors by their ending but are things.
NOT_ACTORS = frozenset((
    "followers", "orders", "numbers", "centers", "centres", "meters", "chargers", "servers", "computers", "folders",
    "reminders", "containers", "lockers", "printers", "scanners", "routers", "filters", "letters", "papers",
    "banners", "layers", "vouchers", "stickers", "headers", "trailers", "tractors", "sensors", "monitors",
    "indicators", "factors", "errors", "vectors", "doors", "floors", "colours", "colors", "hours", "offers",
    "answers", "others", "matters", "members'", "parameters", "registers", "counters", "clusters", "covers",
    "markers", "barriers", "corners", "borders", "chapters", "quarters", "headquarters", "orders",
    "transfers", "powers", "towers", "winters", "summers", "waters", "papers", "charters", "posters",
    "flyers", "leaflets", "sectors", "motors", "generators", "elevators", "calculators", "simulators",
    "accelerators", "processors", "containers", "dispensers", "boosters", "thrillers", "burgers", "results",
    "documents", "payments", "appointments", "agreements", "components", "requirements", "instruments",
    "assessments", "investments", "departments", "segments", "statements", "events", "contents", "intents",
    "percents", "incidents", "accidents", "patents", "talents", "extents", "parents'", "moments",
    "comments", "treatments", "shipments", "settlements", "developments", "improvements", "elements",
    "arrangements", "announcements", "amendments", "enrolments", "measurements", "adjustments", "tenants'",
    "plants", "grants", "variants", "restaurants'", "points", "prints", "hints", "accounts", "amounts",
    "discounts", "counts", "tickets", "targets", "budgets", "assets", "markets", "budgets", "gadgets",
    "widgets", "outlets", "tablets", "pallets", "lists", "texts", "costs", "posts", "lists", "tests",
    "requests", "rests", "visits", "deposits", "credits", "limits", "units", "benefits", "profits", "kits",
    "circuits", "exits", "habits", "audits", "paths", "reports", "sports", "imports", "exports", "efforts",
    "flights", "rights", "nights", "lights", "insights", "weights",
))

# Who is *not* a "who": the team itself.
TEAM_WORDS = frozenset(("we", "us", "our", "ourselves", "i", "me", "team", "teams", "project", "programme",
                        "program", "it", "vendor", "contractor", "department", "squad", "tribe", "pmo"))

# Things a team makes, and properties of those things: as the object of "improve", "reduce",
# "increase" they make an output ("Improve the checkout page", "Reduce infrastructure costs").
ARTEFACTS = frozenset((
    "app", "apps", "application", "website", "site", "sites", "web", "portal", "portals", "page", "pages",
    "platform", "platforms", "system", "systems", "tool", "tools", "feature", "features", "dashboard",
    "dashboards", "chatbot", "chatbots", "bot", "bots", "api", "apis", "integration", "integrations",
    "database", "databases", "data", "warehouse", "server", "servers", "infrastructure", "network", "cloud",
    "software", "hardware", "crm", "erp", "module", "modules", "interface", "ui", "ux", "design", "process",
    "processes", "workflow", "workflows", "form", "forms", "report", "reports", "documentation", "docs",
    "guide", "guides", "guidance", "programme", "program", "campaign", "campaigns", "newsletter", "course",
    "courses", "training", "workshop", "workshops", "webinar", "webinars", "kiosk", "kiosks", "locker",
    "lockers", "terminal", "terminals", "tablet", "tablets", "device", "devices", "sensor", "sensors",
    "meter", "meters", "charger", "chargers", "machine", "machines", "equipment", "fleet", "vehicles",
    "signage", "office", "offices", "facility", "facilities", "building", "buildings", "pipeline", "model",
    "models", "algorithm", "product", "products", "catalogue", "catalog", "content", "video", "videos",
    "library", "template", "templates", "framework", "strategy", "roadmap", "contract", "contracts",
    "licence", "license", "licences", "budget", "stack", "architecture", "codebase", "code", "tests",
    "release", "releases", "version", "mvp", "prototype", "backlog", "function", "functionality",
    "capability", "capabilities", "service", "services", "store", "stores", "branch", "branches", "depot",
    "depots", "ward", "wards", "clinic", "clinics", "uptime", "availability", "latency", "downtime",
    "performance", "capacity", "throughput", "velocity", "coverage", "bugs", "bug", "defects", "defect",
    "load", "speed", "infrastructure", "hosting", "storage", "security", "resilience", "reliability",
    "scalability", "stability", "compliance", "migration", "deployment", "deployments", "builds", "sprint",
    "sprints", "story", "points", "backups", "tickets", "costs", "cost", "spend", "overheads", "headcount",
    "inventory", "stock", "equipment", "assets", "estate", "premises", "website's", "apps'", "paperwork",
    "policy", "policies", "procedure", "procedures", "checklist", "playbook", "materials", "leaflet",
    "leaflets", "signs", "screens", "screen", "sign-on", "sso", "checkout", "chargers", "bins", "routes",
    "backlog", "backlogs", "requirements", "specification", "specifications", "documentation", "manual",
    "manuals", "authentication", "encryption", "firewall", "laptops", "laptop", "desktops", "hardware",
))

# Properties of a system or a team's own activity: a metric on these is an output measure.
SYSTEM_METRICS = frozenset((
    "uptime", "availability", "latency", "downtime", "load", "speed", "performance", "capacity", "throughput",
    "velocity", "coverage", "bugs", "defects", "story", "points", "deployment", "deployments", "builds",
    "headcount", "infrastructure", "hosting", "storage", "resilience", "reliability", "scalability",
    "precision", "accuracy", "recall",
))

# Nouns that name the delivery itself ("Rollout of X", "Implementation of X").
DELIVERY_NOUNS = frozenset((
    "launch", "relaunch", "rollout", "roll-out", "implementation", "delivery", "migration", "installation",
    "deployment", "development", "release", "introduction", "construction", "upgrade", "replacement",
    "go-live", "golive", "completion", "creation", "build", "redesign", "opening", "setup", "set-up",
    "integration", "training", "procurement", "digitisation", "digitization", "automation", "modernisation",
    "modernization", "consolidation", "publication", "translation", "refurbishment", "renovation", "overhaul",
    "rebuild", "rebrand", "expansion", "extension", "pilot", "trial", "review", "audit", "provision",
    "purchase", "acquisition", "rewrite", "refactoring", "decommissioning", "retirement", "closure", "design",
    "onboarding", "hiring", "recruitment", "rollouts", "launches", "implementations", "installations",
    "upgrades", "migrations", "releases", "workshops", "webinars", "new", "updated", "redesigned", "improved",
    "revamped", "refreshed", "upgraded",
))

# Participles that describe the team's work being done ("staff trained", "app launched").
DELIVERY_PARTICIPLES = frozenset((
    "launched", "relaunched", "shipped", "built", "rebuilt", "developed", "created", "delivered", "implemented",
    "installed", "deployed", "migrated", "released", "published", "introduced", "designed", "redesigned",
    "replaced", "upgraded", "integrated", "automated", "digitised", "digitized", "completed", "finished",
    "hired", "recruited", "trained", "retrained", "upskilled", "held", "organised", "organized", "hosted",
    "sent", "opened", "added", "configured", "procured", "purchased", "written", "produced", "translated",
    "refactored", "modernised", "modernized", "decommissioned", "retired", "conducted", "prepared",
    "drafted", "documented", "established", "equipped", "distributed", "printed", "renovated",
    "refurbished", "retrofitted", "constructed", "fitted", "piloted", "trialled", "tested", "audited",
    "certified", "accredited", "refreshed", "revamped", "overhauled", "onboarded", "connected", "converted",
    "live", "available", "operational", "ready", "finalised", "finalized", "approved", "funded", "rolled",
    "set", "stood", "rewired", "mailed", "emailed", "notified", "briefed", "educated", "coached", "visited",
    "contacted", "provided", "supplied", "dispatched", "removed", "simplified", "streamlined", "inspected",
    "reviewed", "fixed", "repaired", "relocated", "issued", "equipped", "covered", "surveyed", "interviewed",
))

# Metric words: "how is it counted?"
METRIC_NOUNS = frozenset((
    "rate", "rates", "share", "proportion", "percentage", "percent", "ratio", "number", "count", "volume",
    "volumes", "score", "scores", "nps", "csat", "ces", "index", "average", "median", "mean", "frequency",
    "level", "levels", "time", "times", "minutes", "hours", "seconds", "days", "weeks", "value", "total",
    "amount", "per", "fraction", "likelihood", "probability", "duration", "length", "speed", "incidence",
    "prevalence", "penetration", "density", "yield",
))
METRIC_SUBJECT_HEADS = METRIC_NOUNS | frozenset((
    "revenue", "sales", "income", "profit", "margin", "margins", "satisfaction", "loyalty", "trust",
    "retention", "churn", "conversion", "adoption", "usage", "uptake", "take-up", "engagement", "attendance",
    "participation", "complaints", "calls", "visits", "bookings", "renewals", "cancellations", "sign-ups",
    "signups", "referrals", "logins", "purchases", "orders", "payments", "transactions", "contacts",
    "enquiries", "tickets", "requests", "escalations", "appointments", "no-shows", "absences",
    "readmissions", "arrears", "defaults", "footfall", "ridership", "returns", "claims", "applications",
    "submissions", "donations", "spend", "spending", "subscriptions", "enrolments", "registrations",
    "sessions", "downloads", "reviews", "ratings", "abandonment", "drop-off", "dropouts", "attrition",
    "turnover", "nps", "csat", "punctuality", "wait", "waits", "waiting", "queues", "queue", "users",
    "customers", "members", "subscribers", "visitors",
))

# Metric words too generic to say what is measured.
GENERIC_METRIC_WORDS = frozenset(("time", "times", "number", "level", "levels", "value", "amount", "total", "per"))

# Business results and behaviour measures: as the object of a change verb they make an outcome.
BUSINESS_METRICS = METRIC_SUBJECT_HEADS - frozenset((
    "rate", "rates", "share", "proportion", "percentage", "percent", "ratio", "number", "count", "volume",
    "volumes", "score", "scores", "index", "average", "median", "mean", "frequency", "level", "levels", "time",
    "times", "minutes", "hours", "seconds", "days", "weeks", "value", "total", "amount", "per", "fraction",
    "duration", "length", "speed", "density", "yield", "users", "customers", "members", "subscribers",
    "visitors", "tickets", "queue", "queues",
)) | frozenset(("emissions", "waste", "arrears", "debt", "fraud", "losses", "demand", "growth", "wellbeing",
                 "safety", "health", "outcomes", "attainment", "employment", "recidivism", "reoffending", "cost",
                 "costs", "savings"))

# Behaviour nouns that also name things ("orders", "claims", "use"): counted as behaviour only
# next to a metric or change word ("more orders", "use of", "claims per 1,000").
AMBIGUOUS_BEHAVIOUR_NOUNS = frozenset((
    "orders", "order", "payments", "applications", "contact", "use", "spend", "download", "return", "returns",
    "claim", "claims", "shares", "views", "tickets", "requests", "repeat", "completion", "compliance",
    "default", "response", "responses", "reviews", "appointments", "appointment", "sessions", "transactions",
    "payment", "contacts", "calls", "call", "visits", "visit", "booking", "bookings",
))
# Words after an actor that start a description of the actor, not its verb ("users of X").
ACTOR_TAILS = frozenset(("of", "with", "in", "on", "at", "from", "across", "aged", "over", "under", "using",
                         "outside", "inside", "living", "based", "who've", "whose", "without", "near"))
# Verbs that may wrap another ("choose to book", "start using"), or be the behaviour themselves.
ASPECT_VERBS = frozenset(("choose", "start", "begin", "continue", "go", "stop", "keep", "tend", "try", "learn",
                          "decide", "prefer", "opt", "remember", "manage", "get"))

# Words that open a verb's object: an unknown word followed by one of these is probably a verb.
OBJECT_STARTERS = frozenset(("their", "the", "a", "an", "our", "its", "his", "her", "every", "each", "all",
                             "more", "fewer", "less", "them", "it", "your", "any", "some", "most"))

# Function words: skipped or treated as boundaries.
DETERMINERS = frozenset(("the", "a", "an", "our", "their", "its", "his", "her", "your", "this", "that", "these",
                         "those", "all", "every", "each", "some", "any", "more", "fewer", "less", "most", "new"))
STOP = frozenset((
    "the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "for", "by", "from", "with", "without", "into",
    "onto", "than", "as", "is", "are", "was", "were", "be", "been", "being", "am", "it", "its", "this", "that",
    "these", "those", "their", "our", "your", "his", "her", "per", "via", "across", "over", "under", "within",
    "while", "whilst", "so", "but", "not", "no", "if", "then", "there", "here", "up", "down", "out", "off",
    "about", "around", "after", "before", "during", "until", "till", "through", "between", "among", "amongst",
    "who", "which", "whose", "whom", "what", "when", "where", "why", "how", "all", "each", "every", "both",
    "either", "neither", "such", "same", "other", "another", "own", "very", "too", "also", "just", "only",
    "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may",
    "might", "must", "more", "most", "less", "least", "fewer", "many", "much", "few", "several", "new",
    "s", "rather", "instead", "against", "toward", "towards", "upon", "like", "unlike", "because", "since",
    "whether", "them", "they", "we", "us", "he", "she", "i", "you", "me", "my", "mine",
))
# Words before plural people that make a singular verb right ("one in three patients books", "each of").
QUANTIFIERS = frozenset(("each", "every", "half", "third", "quarter", "none", "neither", "either", "majority",
                         "proportion", "share", "percentage", "number"))
# Words that follow an actor without being its verb ("booked by dog owners online", "members again").
NOT_VERBS = frozenset(("online", "offline", "again", "today", "now", "nowadays", "together", "abroad", "locally",
                       "digitally", "first", "themselves", "yet", "already", "still", "overall", "aged"))
# Words that open a clause of their own: a passive after one ("book before the reminder is sent") is not
# what the statement's subject has done to it.
CLAUSE_WORDS = frozenset(("before", "after", "when", "once", "until", "till", "because", "if", "whenever",
                          "since", "unless", "where", "and", "but", "so", "as"))
# Words that may sit between an actor and its verb ("customers who now book", "members will redeem").
BRIDGE = frozenset((
    "who", "that", "which", "will", "would", "should", "must", "now", "also", "then", "still", "actually",
    "regularly", "routinely", "consistently", "independently", "reliably", "themselves", "increasingly",
    "no", "longer", "more", "often", "less", "each", "all", "both", "never", "always", "usually", "do", "does",
    "don't", "doesn't", "not", "to", "actively", "already", "newly", "successfully", "voluntarily",
    "frequently", "readily", "easily", "quickly", "typically", "already", "genuinely", "finally", "again",
    "on", "further", "even", "really", "can't", "cannot",
    "directly", "proactively", "automatically", "happily", "confidently", "safely", "correctly",
))
CAPABILITY_MODALS = ("can", "could", "may", "able", "option", "access", "possible", "allowed", "permitted")

# English and a few other languages' function words: the assessor reads English only.
ENGLISH_WORDS = frozenset((
    "the", "a", "an", "of", "to", "and", "in", "for", "by", "from", "with", "on", "at", "that", "who", "is",
    "are", "will", "be", "our", "their", "more", "less", "fewer", "than", "per", "this", "it", "they", "we",
    "while", "without", "as", "not", "no", "all", "each", "every", "its", "into", "or", "so", "up", "down",
    "over", "under", "within", "which", "before", "after", "new",
))
FOREIGN_WORDS = frozenset((
    # German
    "der", "das", "und", "mit", "für", "von", "zu", "den", "ist", "nicht", "auf", "ein", "eine", "bis", "wir",
    "unsere", "kunden", "sich", "des", "dem", "im", "zum", "zur", "auch", "oder", "häufiger", "seltener",
    # French
    "le", "la", "les", "des", "et", "pour", "avec", "une", "est", "du", "au", "aux", "nous", "nos", "sur",
    "dans", "d'ici", "fin", "l'année", "clients", "nouvelle", "nouveau", "plus", "moins", "être", "ces", "leur",
    # Spanish / Portuguese / Italian
    "el", "los", "las", "y", "para", "con", "del", "por", "una", "es", "que", "nuestros", "clientes", "su",
    "sus", "al", "lo", "como", "más", "menos", "nueva", "nuevo", "os", "com", "da", "dos", "das", "uma",
    "não", "il", "gli", "della", "di", "che", "nel", "dei", "delle", "per il", "sono", "ogni",
    # Dutch
    "het", "en", "van", "een", "voor", "niet", "wij", "onze", "klanten", "naar", "ook", "worden",
))

# Cues that start a guardrail clause or make a "while"/"without" clause one.
GUARDRAIL_CHANGE_WORDS = (
    "rais", "increas", "hurt", "harm", "add", "lower", "reduc", "cut", "compromis", "affect", "los", "sacrific",
    "lengthen", "worsen", "tighten", "damag", "impact", "extend", "any", "an increase", "a rise", "a drop",
    "a fall", "more", "extra", "additional", "higher", "longer", "pushing", "driving", "inflat", "slow",
    "erod", "weaken", "dilut", "exceed", "breach", "risk", "undermin", "degrad", "delay",
    "hiring", "spending", "putting", "making",
)
WHILE_CUES = (
    "keep", "hold", "maintain", "stay", "remain", "not", "n't", "no ", "never", "protect", "preserve",
    "avoid", "cap", "limit", "below", "above", "under ", "within", "at least", "at most", "unchanged",
    "flat", "steady", "stable", "without", "contain", "safeguard", "same", "no more", "no worse", "level",
)
# "without" + these describes the behaviour itself ("renew without a reminder call").
WITHOUT_BEHAVIOUR = (
    "calling", "contacting", "phoning", "ringing", "needing", "asking", "help", "an agent", "a reminder",
    "assistance", "visiting", "waiting", "talking", "speaking", "paper", "a call", "chasing", "prompting",
    "support", "human", "going", "having to", "leaving", "emailing", "writing",
)

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec")
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
                "thousand", "million", "dozen", "a dozen", "a hundred", "a thousand", "half", "a half",
                "a third", "a quarter", "a fifth", "a tenth", "two thirds", "two-thirds", "three quarters",
                "three-quarters", "one third", "one quarter", "one half", "a fraction")

# =============================================================================================
# Derived word sets (built once at import)
# =============================================================================================

_IRREGULAR = {
    "build": ("built",), "make": ("made",), "run": ("ran",), "send": ("sent",), "write": ("wrote", "written"),
    "hold": ("held",), "set": (), "put": (), "buy": ("bought",), "get": ("got", "gotten"), "cut": (),
    "give": ("gave", "given"), "grow": ("grew", "grown"), "rise": ("rose", "risen"), "fall": ("fell", "fallen"),
    "drive": ("drove", "driven"), "hit": (), "keep": ("kept",), "pay": ("paid",), "sell": ("sold",),
    "take": ("took", "taken"), "spend": ("spent",), "leave": ("left",), "find": ("found",),
    "bring": ("brought",), "begin": ("began", "begun"), "choose": ("chose", "chosen"), "go": ("went", "gone"),
    "shrink": ("shrank", "shrunk"), "win": ("won",), "stand": ("stood",), "spin": ("spun",),
    "teach": ("taught",), "learn": ("learnt",), "read": (), "ride": ("rode", "ridden"), "eat": ("ate", "eaten"),
    "come": ("came",), "lead": ("led",), "do": ("did", "done"), "sleep": ("slept",), "drink": ("drank",),
    "sign": (), "stick": ("stuck",), "seek": ("sought",), "quit": (), "bid": (),
}
_SINGLE_SYLLABLE_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")
# Verbs stressed on their last syllable double its consonant too: "submitted", "referred", "enrolled".
_DOUBLE_LAST = frozenset(("submit", "commit", "admit", "permit", "refer", "prefer", "transfer", "occur", "recur",
                          "enrol", "control", "patrol", "compel", "propel", "regret", "forget", "upset", "equip"))


def _inflect(base: str) -> set[str]:
    """Base, -s, -ed and -ing forms of a verb (good enough for matching, not for writing)."""
    forms = {base}
    if base.endswith(("s", "x", "ch", "sh", "z")):
        forms.add(base + "es")
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    if base in _IRREGULAR:
        forms.update(_IRREGULAR[base])
    double = len(base) <= 4 and bool(_SINGLE_SYLLABLE_CVC.match(base)) or base in _DOUBLE_LAST
    stem = base + base[-1] if double else base
    if base.endswith("e") and not base.endswith("ee"):
        forms.add(base + "d")
        forms.add(base[:-1] + "ing")
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms.add(base[:-1] + "ied")
        forms.add(base + "ing")
    else:
        forms.add(stem + "ed")
        forms.add(stem + "ing")
    if base[-1:] == "l" and base[-2:-1] in tuple("aeiou") and base[-3:-2] not in tuple("aeiou") and not double:
        forms.update((base + "led", base + "ling"))  # British "cancelled", "travelling"
    return forms


def _forms(bases) -> dict[str, str]:
    table: dict[str, str] = {}
    for base in bases:
        for form in _inflect(base):
            table.setdefault(form, base)
    return table


_DELIVERY = _forms(DELIVERY_VERBS)
_CAPABILITY = _forms(CAPABILITY_VERBS)
_CHANGE = _forms(CHANGE_VERBS)
_INFLUENCE = _forms(INFLUENCE_VERBS)
_MOVE = _forms(MOVE_VERBS)
_BEHAVIOUR = _forms(BEHAVIOUR_VERBS)
_ATTITUDE = _forms(ATTITUDE_VERBS)
# Base forms of every verb the rules know: a statement opening with one of these is an imperative.
_VERB_BASES = frozenset(DELIVERY_VERBS + CAPABILITY_VERBS + CHANGE_VERBS + INFLUENCE_VERBS + BEHAVIOUR_VERBS)
_NUMBER_WORD_SET = frozenset(w for phrase in NUMBER_WORDS for w in phrase.replace("-", " ").split())
# Every word the rules know: a statement with none of them cannot be judged.
_KNOWN = (frozenset(_DELIVERY) | frozenset(_CAPABILITY) | frozenset(_CHANGE) | frozenset(_INFLUENCE)
          | frozenset(_MOVE) | frozenset(_BEHAVIOUR) | ACTORS | ARTEFACTS | BEHAVIOUR_NOUNS | METRIC_SUBJECT_HEADS
          | DELIVERY_NOUNS | DELIVERY_PARTICIPLES | ENGLISH_WORDS | BEHAVIOUR_ADJECTIVES
          | frozenset(MONTHS) | frozenset(w for phrase in NUMBER_WORDS for w in phrase.split())
          | frozenset(("online", "digital", "mobile", "customer", "staff", "time", "paper", "cloud", "q1", "q2",
                       "q3", "q4", "weekly", "monthly", "daily", "annual", "quarter", "year", "month", "week")))
_NOUN_ENDINGS = ("tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ship", "ism",
                 "ology")
_ACTOR_ENDINGS = ("ers", "ors", "ants", "ents", "ists", "ees", "ians", "eurs", "ives")

# =============================================================================================
# Regular expressions (compiled once)
# =============================================================================================

_NUM = (r"(?<![\w.-])(?:[+−]\s?)?(?:[£$€]\s?)?\d+(?:[.,]\d+)*(?!\d)"
        r"(?:\s?(?:%|percent\b|per\s?cent\b|pp\b|k\b|m\b|bn\b|million\b|billion\b|thousand\b))?")
_NUMWORD = r"(?:" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + r")\b"
_RATIO = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+(?:\d+|\w+)"
_QTY = rf"(?:{_RATIO}|{_NUM}|{_NUMWORD})"
_HEDGE = (r"(?:(?:about|around|roughly|approximately|approx\.?|nearly|almost|just|only|some|over|under|below|"
          r"above|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|c\.|~)\s*)*")
_NOW = r"(?:(?:today'?s|the\s+current|current|our\s+current|its\s+current|the\s+present|a\s+baseline\s+of|" \
       r"a\s+current|last\s+year'?s|this\s+year'?s|the)\s+)*"
_MONTH = r"(?:" + "|".join(MONTHS) + r")\b"
_YEAR = r"(?:19|20)\d\d(?:\s?/\s?\d{2,4})?"
_PERIOD = (r"(?:(?:academic|financial|fiscal|school|tax|calendar|budget)\s+year|year|quarter|month|week|season|term|"
           r"semester|summer|spring|autumn|fall|winter|christmas|easter|half|year[- ]end|period|cycle|decade)")
_DATE = (rf"(?:the\s+)?(?:(?:end|start|beginning|close|middle|turn|first\s+half|second\s+half|last\s+day|"
         rf"first\s+day|first\s+week|last\s+week)\s+of\s+(?:the\s+)?)?"
         rf"(?:(?:next|this|coming|following|current|new|{_YEAR}|\d{{1,2}}(?:st|nd|rd|th)?)\s+)?"
         rf"(?:{_MONTH}(?:\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?)?(?:,?\s+{_YEAR})?|q[1-4](?:\s*(?:fy)?\s*'?\d{{2,4}})?\b|"
         rf"h[12](?:\s*'?\d{{2,4}})?\b|(?:fy|financial\s+year|fiscal\s+year)\s?'?\d{{2,4}}(?:\s?/\s?\d{{2,4}})?\b|"
         rf"{_YEAR}\b|{_PERIOD}\b(?:\s+{_YEAR})?|mid-?\s?{_YEAR}|day\s+\d+|week\s+\d+|month\s+\d+|"
         rf"\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})")
_SPAN_UNIT = r"(?:weeks?|months?|quarters?|years?|sprints?|terms?|semesters?|seasons?)"
_SPAN_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|" \
            r"twenty[- ]four|thirty[- ]six|a\s+couple\s+of|a\s+few|several)"

_TIMEFRAME_RE = re.compile(
    "|".join((
        rf"\b(?:by|before|until|till|no\s+later\s+than|in\s+time\s+for|ahead\s+of|at\s+the\s+(?:end|start)\s+of|"
        rf"from)\s+{_DATE}",
        rf"\b(?:between|from)\s+now\s+(?:and|until|till|to|through)\s+{_DATE}",
        rf"\b(?:in|within|during|for|throughout|over|across)\s+(?:the\s+)?(?:{_YEAR}\b|q[1-4]\b|h[12]\b|"
        rf"fy\s?'?\d{{2,4}}(?:\s?/\s?\d{{2,4}})?\b|"
        rf"{_MONTH}(?:\s+{_YEAR})|(?:first|second|third|fourth|final|last|next|coming)\s+"
        rf"(?:{_SPAN_NUM}\s+)?{_SPAN_UNIT}|{_YEAR}/\d\d)",
        rf"\b(?:within|in|over|during|after|inside)\s+(?:the\s+)?(?:next\s+|first\s+|coming\s+|following\s+)?"
        rf"{_SPAN_NUM}[- ]{_SPAN_UNIT}\b(?!\s+(?:of|after|from)\b)",
        r"\b(?:within|in|over)\s+(?:the\s+)?(?:next|coming|first)\s+\d+\s+days\b",
        rf"\b(?:this|next|the\s+coming|the\s+next|the\s+current)\s+{_PERIOD}\b",
        r"\b(?:year[- ]end|end[- ]of[- ](?:the[- ])?(?:year|quarter)|eoy|eoq)\b",
        r"\b(?:q[1-4]|h[12])\s*(?:fy)?\s*'?(?:19|20)?\d\d\b",
        r"\b(?:fy|financial\s+year|fiscal\s+year)\s?'?\d{2,4}(?:\s?/\s?\d{2,4})?\b",
    )),
)


class _AnyOf:
    """Several patterns, each tried only when one of its key substrings occurs in the text.

    One big alternation with optional openings is slow: the engine retries every branch at every
    position. Gating each branch on a plain substring test keeps a call well under a millisecond.
    """

    def __init__(self, parts: tuple[tuple[tuple[str, ...], str], ...]):
        self.parts = tuple((re.compile("|".join(map(re.escape, keys))) if keys else None, re.compile(pattern))
                           for keys, pattern in parts)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match]:
        endpos = len(text) if endpos is None else endpos
        found: list[re.Match] = []
        for gate, regex in self.parts:
            if gate is None or gate.search(text):
                found.extend(regex.finditer(text, pos, endpos))
        found.sort(key=lambda m: (m.start(), -m.end()))
        return found

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        found = self.finditer(text, pos, endpos)
        return found[0] if found else None


_DIGITS = tuple("0123456789")
_BASELINE_RE = _AnyOf((
    (("from",), rf"\b(?:(?:up|down|rising|falling|increasing|decreasing|improving|growing|dropping)\s+)?from\s+"
                rf"{_NOW}{_HEDGE}{_QTY}"),
    (("currently",), rf"\bcurrently\s+(?:\w+\s+){{0,3}}?{_HEDGE}{_QTY}"),
    (("today", "present", "currently", "moment", "now", "last", "ago"),
     rf"{_QTY}(?:\s+[^\s.;!?]+){{0,4}}?\s+(?:today|at\s+present|currently|at\s+the\s+moment|right\s+now|as\s+of\s+today|"
     rf"now|last\s+year|in\s+the\s+last\s+(?:year|quarter|month)|a\s+year\s+ago)\b"),
    (("today", "present", "now", "moment"),
     rf"\b(?:today|at\s+present|right\s+now|at\s+the\s+moment)\s*(?::|is|are|=|stands\s+at|sits\s+at|of|at|"
     rf"it\s+is|it's)?\s*{_HEDGE}{_QTY}"),
    (("compared", "versus", "vs", "against", "relative", "than"),
     rf"\b(?:compared\s+(?:with|to)|versus|vs\.?|against|relative\s+to|than\s+(?:the|today'?s|our|its)\s+"
     rf"(?:current\s+)?)\s*{_NOW}{_HEDGE}{_QTY}"),
    (("baseline",), rf"\bbaseline\s*(?:of|:|=|is|was|at)?\s*{_HEDGE}{_QTY}"),
    (("instead",), rf"\binstead\s+of\s+(?:the\s+|today'?s\s+|our\s+)?(?:current\s+|usual\s+)?{_HEDGE}{_QTY}"),
    (("(",), rf"\((?:was|is|now|today|currently|baseline|base)\s*[:=]?\s*{_HEDGE}{_QTY}"),
    (("→", "->", "=>"), rf"{_QTY}\s*(?:→|->|=>)"),  # "22% → 40%"
))

_TARGET_RE = re.compile(
    "|".join((
        rf"\bto\s+(?:(?:at\s+least|at\s+most|above|below|under|over|more\s+than|less\s+than|fewer\s+than|"
        rf"no\s+more\s+than|around|about|roughly|nearly|just|only|some|almost|a\s+maximum\s+of|"
        rf"a\s+minimum\s+of)\s+)*{_QTY}",
        rf"\b(?:reach|reaches|reaching|hit|hits|hitting|achieve|achieves|achieving|at\s+least|at\s+most|"
        rf"no\s+more\s+than|no\s+fewer\s+than|no\s+less\s+than|more\s+than|fewer\s+than|less\s+than|above|below|"
        rf"under|over|exceed|exceeds|exceeding|beyond|top|tops|surpass|surpasses|a\s+minimum\s+of|"
        rf"a\s+maximum\s+of)\s+{_HEDGE}{_QTY}(?!\s+(?:minutes|hours|days|weeks|months|years|quarters)\b)",
        r"\bby\s+(?:at\s+least\s+|about\s+|around\s+|roughly\s+|a\s+further\s+|another\s+|up\s+to\s+|over\s+)?"
        r"(?:\d+(?:[.,]\d+)?\s?(?:%|percent\b|per\s?cent\b|pp\b|percentage\s+points?\b|points?\b)|"
        r"(?:a|one|two)[- ](?:third|quarter|half|fifth|tenth|thirds|quarters)s?\b|half\b|"
        r"\d[\d,.]*\s+(?!(?:19|20)\d\d\b)(?:[a-z]+))(?!\s+of\b)",
        rf"(?:→|->|=>)\s*{_HEDGE}{_QTY}",
        rf"\b(?:want|wants|aim\s+for|aims\s+for|aiming\s+for|expect|expects|target\s+of|goal\s+of|goal\s+is)\s+"
        rf"{_HEDGE}{_QTY}",
        r"\b(?:halve|halves|halved|halving|double|doubles|doubled|doubling|triple|triples|tripled|tripling|"
        r"quadruple|quadruples|quadrupled)\b",
        r"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per\s?cent\b)\s+(?:more|fewer|less|higher|lower)\b",
    )),
)

# Quantities that state a goal level in an outcome's main clause ("60% of suppliers update...").
_QTY_RE = re.compile(rf"{_RATIO}|{_NUM}|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|half|a\s+third|"
                     rf"a\s+quarter|two[- ]thirds|three[- ]quarters)\b")

_MEASURE_RE = _AnyOf((
    (("%", "cent", "percent", "pp"),
     r"\b\d[\d.,]*\s?%|\bper\s?cent\b|\bpercent(?:age)?s?\b|\bpercentage\s+points?\b|\bpp\b"),
    (("time", "days", "hours", "minutes", "weeks"),
     r"\btime\s+(?:to|taken|spent|it\s+takes|between)\b|\bthe\s+time\s+(?:\w+\s+){0,3}?(?:take|takes|spend|"
     r"spends|wait|waits)\b|\b(?:wait|waiting|handling|response|processing|lead|cycle|turnaround|resolution|"
     r"travel|journey|dwell|queue|queuing|hold)\s+times?\b|\b(?:days|hours|minutes|weeks)\s+to\s+[a-z]+"),
    ((), r"\b(?:rate|rates|share|proportion|ratio|number|count|volume|volumes|score|scores|nps|csat|ces|index|"
         r"average|median|mean|frequency|fraction|likelihood|incidence|prevalence|penetration|level|levels|"
         r"amount|total)\b"),
    (("per",), r"\bper\s+(?:\d[\d,]*\s+)?[a-z]+"),
    ((" a ", " an ", "each", "every"),
     r"\b(?:a|an|each|every)\s+(?:day|week|month|year|quarter|shift|hour|visit|customer|member|user|order|"
     r"session)\b"),
    (_DIGITS, r"[£$€]\s?\d|\b\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand|pounds|dollars|euros)\b"
              r"|\b\d[\d,.]*\s+(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|days?|weeks?|points?|stars?)\b"
              r"|\bout\s+of\s+\d+|\b\d[\d,.]*\s+(?:times|x)\b"),
    ((" in ", " out of "), _RATIO),
    (("daily", "weekly", "monthly", "quarterly", "annual", "yearly", "hourly", "nightly"),
     r"\b(?:daily|weekly|monthly|quarterly|annual|yearly|hourly|nightly)\s+(?:active\s+)?[a-z-]+s\b"),
    (("half", "third", "quarter", "fifth", "tenth", "most", "majority"),
     r"\b(?:half|a\s+third|a\s+quarter|a\s+fifth|a\s+tenth|two[- ]thirds|three[- ]quarters|most|majority)\s+of\b"),
))
# A bare count: number followed by a noun ("1,500 reservations", "600 staff").
_COUNT_RE = re.compile(r"(?<![\w.-])\d[\d,.]*\s+(?:more\s+|fewer\s+|new\s+|extra\s+|additional\s+|active\s+|monthly\s+|"
                       r"weekly\s+|daily\s+|[a-z]+-)*[a-z]{3,}")

_GUARDRAIL_RE = _AnyOf((
    (("long as",), r"\b(?:as|so)\s+long\s+as\b"),
    (("provid",), r"\bprovid(?:ed|ing)(?:\s+that)?\b"),
    (("condition",), r"\bon\s+condition\s+that\b"),
    (("expense", "cost"), r"\b(?:but\s+)?not\s+at\s+the\s+(?:expense|cost)\s+of\b"
                          r"|\bat\s+no\s+(?:extra\s+|additional\s+)?(?:cost|expense)\s+to\b"),
    (("with no",), r"\bwith\s+no\s+(?:\w+\s+)?(?:increase|rise|drop|fall|decline|loss|reduction|worsening|"
                   r"deterioration|change|more|extra)\b"),
    (("staying", "remaining", "kept", "held", "holding", "not "),
     r"\bwith\s+(?:\w+[\s-]+){0,5}?(?:staying|remaining|kept|held|holding|not\s+(?:rising|falling|increasing|"
     r"dropping|growing|going))\b"),
    (("no worse", "guardrail"), r"\bno\s+worse\s+than\b|\bguardrails?\b"),
    (("not", "n't"), r"\b(?:must|should|may|will|does|do|did|can)\s*(?:not|n't)\s+(?:rise|increase|grow|fall|drop|"
                     r"decline|decrease|worsen|get\s+worse|go\s+up|go\s+down|exceed|deteriorate|suffer|slip|dip|"
                     r"lengthen|reduce|lower|fall\s+below|rise\s+above|climb|be\s+(?:lower|higher|worse|longer))\b"),
    (("must", "should", "has to", "have to", "need"),
     r"\b(?:must|should|has\s+to|have\s+to|needs?\s+to)\s+(?:stay|remain|be\s+kept|be\s+held)\b"),
    (("keeping", "holding", "maintaining", "protecting", "preserving", "safeguarding", "capping", "limiting",
      "containing", "not "),
     r"(?:,|;|\band\b|\bwhile\b|\bwhilst\b)\s*(?:while\s+|whilst\s+)?(?:keeping|holding|maintaining|protecting|"
     r"preserving|safeguarding|capping|limiting|containing|not\s+(?:increasing|raising|lowering|reducing|"
     r"hurting|letting))\b"),
    (("stay", "remain", "kept", "held"),
     r"(?:,|;|\band\b|\bwhile\b|\bwhilst\b|\bwith\b)\s*(?:\w+[\s-]+){0,5}?(?:stay|stays|staying|remain|remains|"
     r"remaining|kept|held)\s+(?:at\s+or\s+)?(?:above|below|under|over|at|within|flat|stable|unchanged|"
     r"steady|level|the\s+same|no\s+(?:lower|higher|worse))\b"),
    (("no ",), r"(?:,|;)\s*(?:and\s+)?(?:with\s+)?no\s+(?:\w+\s+)?(?:increase|rise|drop|fall|decline|loss)\s+in\b"),
))
_SENTENCE_STOP_RE = re.compile(r"[.;!?](?:\s|$)")
_TO_QTY_RE = re.compile(rf"\bto\s+{_QTY}")
_WRAPPED_CHANGE_RE = re.compile(rf"[a-z]+\s+(?:an?\s+)?{_NUM}\s+(?:increase|rise|reduction|drop|fall|cut|"
                                r"improvement|decrease|uplift|growth)\s+in\b")
_YEAR_ONLY_RE = re.compile(r"(?:19|20)\d\d")
_YEAR_OR_MONTH_RE = re.compile(rf"\b(?:19|20)\d\d\b|{_MONTH}")
_RELATIVE_RE = re.compile(r"\d\s?%|half|third")
_PERCENT_OR_PER_RE = re.compile(r"%|per\b")
_PERCENT_RE = re.compile(r"\d\s?%")
_PER_SE_RE = re.compile(r"per\s+(?:se|cent)\b")
_NUMBER_BEFORE_RE = re.compile(rf"(?:\d[\d,.]*|{_NUMWORD})\s*$")
_NAMED_NUMBER_RE = re.compile(r"\b(?:year|grade|level|stage|phase|version|release|wave|tier|generation|gen|"
                              r"model|series|v)\s?$", re.IGNORECASE)
_VERSION_BEFORE_RE = re.compile(r"(?:\b[A-Z][A-Za-z]*|\bversion|\bv)\s?$")
_NOT_A_GOAL_BEFORE_RE = re.compile(r"(?:within|after|(?<!rate\s)(?<!share\s)(?<!level\s)(?<!average\s)of|aged|over|"
                                   r"under|than|from|per|first|last|version|v)\s+$")
_UNIT_WORD_RE = re.compile(r"(?:\s+(?:more|fewer|new|extra|additional))?\s+(?!(?:by|in|to|from|of|and|or|with|within|"
                           r"for|on|at)\b)[a-z][a-z-]+")
_UNIT_AFTER_RE = re.compile(r"\s?%|\s+(?:per|percent|of|in|out|[a-z]+)")
_WINDOW_AFTER_RE = re.compile(r"\s+(?:days|weeks|months|years|hours|minutes)\s+(?:of|after|from)\b")
_FOLLOWED_BY_OBJECT_RE = re.compile(r"\s+(?:their|the|us|our|it|them|its|his|her|a|an)\b")
_MODIFIER_BEFORE_RE = re.compile(r"\b([a-z][a-z-]+)\s+$")
_SPAN_UNIT_AFTER_RE = re.compile(r"\s(?:days|weeks|months|years|quarters)")
_CLAUSE_OPENER_RE = re.compile(r",\s*|;\s*|\b(?:making\s+sure|ensuring|but|while|whilst|provided|as\s+long\s+as)\b")
_WHILE_RE = re.compile(r"\b(?:while|whilst)\b")
_WITHOUT_RE = re.compile(r"\bwithout\b")
_WITH_NO_RE = re.compile(r"\bwith\s+(?:zero|no|nil)\s+[a-z]")
_DIGITAL_ALT = "|".join(sorted(DIGITAL_THINGS, key=len, reverse=True))
_TRACTION_ALT = "|".join(sorted({f for base in TRACTION_VERBS for f in _inflect(base)}, key=len, reverse=True))
_PHRASAL_ALT = "|".join(sorted({f for base in TRACTION_PHRASAL for f in _inflect(base)}, key=len, reverse=True))
# Counts of use that are traction whatever follows them.
_TRACTION_NOUN_RE = re.compile(
    rf"\bspend(?:s|ing)?\s+(?:more\s+|less\s+)?time\s+(?:in|on|with)\s+(?:the\s+|our\s+|its\s+|their\s+)?"
    rf"(?:[\w-]+\s+)?(?:{_DIGITAL_ALT})\b|\btime\s+(?:spent\s+)?(?:in|on)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?"
    rf"(?:{_DIGITAL_ALT})\b|\btime\s+(?:[\w-]+\s+){{1,3}}?spends?\s+(?:in|on|with)\s+(?:the\s+|our\s+|its\s+)?"
    rf"(?:[\w-]+\s+)?(?:{_DIGITAL_ALT})\b|\b(?:minutes|seconds)\s+(?:a|per|each)\s+session\b|\bsession\s+(?:length|duration|"
    r"time)s?\b|\btime\s+on\s+site\b|"
    r"\b(?:(?:daily|weekly|monthly)\s+)?active\s+users\b|\bclick[- ]?throughs?(?:\s+rates?)?\b|\bclicks\b|\btaps\b|"
    r"\b(?:page|profile|screen)[- ]?views\b|\bpageviews\b|\bimpressions\b|\bopen\s+rates?\b|\bopens\b|"
    r"\b(?:app\s+)?(?:downloads|installs)\b|\blog-?ins\b|\blogins\b|\bsign-?ins\b|"
    r"\b(?:log|logs|logged|logging|sign|signs|signed|signing)\s+(?:in|on)\b(?!\s+(?:person|time|the\s+same))|"
    r"\b(?:app|web|online|user)\s+sessions\b|\bsessions\s+(?:a|per|each)\s+(?:day|week|month|user)\b|"
    r"\b(?:views|plays|streams|listens)\s+(?:a|per|each)\s+(?:day|week|month|term|year)\b|"
    r"\b(?:video|podcast|episode)\s+(?:views|plays|streams|listens)\b|"
    rf"\b(?:usage|use|adoption|uptake|engagement)\s+(?:of|with)\s+(?:the\s+|our\s+|its\s+|their\s+)?"
    rf"(?:[\w'-]+\s+){{0,3}}?(?:{_DIGITAL_ALT})\b|"
    rf"\b(?:{_DIGITAL_ALT})\s+(?:usage|use|adoption|uptake|engagement|visits|traffic|sign-?ups|registrations)\b|"
    rf"\b(?:conversations|chats)\b(?=.{{0,40}}\b(?:bot|chatbot|assistant)\b)|"
    rf"\b(?:bot|chatbot|assistant)\s+(?:conversations|chats)\b|"
    r"\bqr(?:[- ]?codes?)?\s+scans\b|"
    r"\b(?:is|are|was|were|gets|get|got|will\s+be)\s+(?:used|opened|viewed|visited|downloaded|clicked|watched|"
    r"played|accessed|installed)\s+by\b"
)
# Verbs of use whose object is a digital thing: "open the dashboard", "switch on the reminder feature".
_TRACTION_VERB_RE = re.compile(
    r"\b(?:click|clicks|clicked|clicking|tap|taps|tapped|tapping)\b(?![\s-]*(?:&|and)[\s-]*(?:collect|go|drop)|"
    r"\s+water)(?:\s+(?:on|through))?|"  # not "click & collect", "tap water"
    r"\b(?:switch|switches|switched|switching|turn|turns|turned|turning)\s+on\b|"
    rf"\b(?:(?:{_TRACTION_ALT})|(?:{_PHRASAL_ALT})\s+(?:on|in|into|up|in\s+to|on\s+to)|start(?:s|ed|ing)?\s+"
    rf"(?:more\s+|a\s+|their\s+)?(?:conversations?|chats?))\b"
    rf"(?:\s+(?:to|for|with|on|at|in|into))?\s+(?:(?:the|our|a|an|its|their|more|new|[\w'%.-]+)\s+){{0,6}}?"
    rf"(?:{_DIGITAL_ALT})\b"
)
_DIGITAL_WORD_RE = re.compile(rf"\b(?:{_DIGITAL_ALT})\b")
_SESSIONS_RE = re.compile(r"\bsessions\b")
_CONVERSATION_RE = re.compile(r"\bstart(?:s|ed|ing)?\s+(?:more\s+|a\s+|their\s+)?(?:conversations?|chats?)\b")
_VANITY_RE = re.compile(r"\b(?:followers|likes|cumulative\s+[a-z-]+|"
                        r"registered\s+(?:users|accounts|members)|\d[\d,.]*k?\s+registered\s+[a-z-]+s|"
                        r"(?:number|count|total)\s+of\s+(?:registered\s+[a-z-]+s|(?:[a-z-]+\s+){0,2}?[a-z-]+s\s+registered)|"
                        r"total\s+(?:users|downloads|"
                        r"sign-?ups|registrations|members|accounts)|(?:social|instagram|tiktok|youtube)\s+\w+)\b")
_ATTITUDE_ADJ_ALT = "|".join(sorted(ATTITUDE_ADJECTIVES, key=len, reverse=True))
_ATTITUDE_STATE_RE = re.compile(
    r"\b(?:are|is|become|becomes|get|gets|seem|seems|stay|stays|remain|remains|say\s+they\s+are|"
    r"report\s+being|will\s+be)\s+(?:much\s+|far\s+|a\s+lot\s+|even\s+)?(?:more\s+|less\s+|better\s+|"
    rf"well\s+)?(?:{_ATTITUDE_ADJ_ALT})\b"
    r"|\b(?:feel|feels|felt|will\s+feel)\s+(?:much\s+|far\s+|even\s+)?(?:more\s+|less\s+|better\s+)?[a-z]+\b"
)
_ATTITUDE_METRIC_RE = re.compile(r"\b(?:" + "|".join(sorted(ATTITUDE_METRICS, key=len, reverse=True))
                                 + r")\b|\bnet\s+promoter\b|\bstar\s+ratings?\b|\bstars\b|\bout\s+of\s+(?:5|10)\b|"
                                 r"\b(?:\d|one|two|three|four|five)[- ]stars?(?:\s+(?:reviews?|ratings?|scores?))?\b")
_CHANNEL_RE = re.compile(
    r"\b(?:online|in\s+the\s+app|by\s+app|through\s+the\s+(?:app|portal|website)|digitally|on\s+(?:the\s+)?"
    r"(?:app|web|website|portal))\b[^,;]{0,30}?\b(?:instead\s+of|rather\s+than)\s+(?:by\s+|in\s+|at\s+|on\s+)?"
    r"(?:the\s+|a\s+|an\s+)?(?:phone|post|paper|calling|phoning|letter|branch|person|counter|desk|machine|store|"
    r"office|email)"
    r"|\b(?:instead\s+of|rather\s+than)\s+(?:by\s+|in\s+|at\s+)?(?:the\s+)?(?:phone|post|paper|calling|phoning|"
    r"letter|branch|person|counter|desk|machine|store|office)\b"
)
_SO_THAT_RE = re.compile(r"\b(?:so\s+that|in\s+order\s+(?:that|to)|so\s+(?=[a-z]+\s+(?:can|will|could)\b))")

_PREFIX_RE = re.compile(
    r"\s*(?:[-*•>#]+\s*|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)?"
    r"(?:(?:goal|objective|outcome|output|key\s+result|kr\s*\d*(?:\.\d+)?|okr|aim|target|deliverable|result|"
    r"ambition|mission|priority|milestone|measure|statement|q[1-4](?:\s*(?:fy)?\s*'?\d{2,4})?|h[12]|"
    r"(?:fy|20)\d{2})\s*\d*\s*[:\-–—]\s*)?"
)
_LEAD_TIME_RE = re.compile(rf"(?:(?:by|in|within|over|during|before|this|next|from|for|after|at|until|starting|"
                           rf"between)\b"
                           rf"[^,;:.]{{0,50}}?[,;:]|{_TIMEFRAME_RE.pattern}\s*,?)\s*")
_SUBJECT_RE = re.compile(
    r"(?:(?P<team>we|i|(?:the|our|my)\s+(?:[\w-]+\s+){0,3}?(?:team|teams|squad|department|programme|program|"
    r"project|vendor|contractor|agency|partner|supplier|provider|consultancy|integrator)|it|the\s+it\s+department|"
    r"(?:we|i|they)(?='(?:ll|re|d))|"
    r"(?:[\w-]+\s+){1,2}?(?:team|teams|squad|department)(?=\s+(?:will|shall|'ll|is\s+going|are\s+going|plans?\s+to|"
    r"aims?\s+to|is\s+to|are\s+to|must|should)\b))(?:\s+|(?='))"
    r"(?:(?:will|shall|'ll|'re\s+going\s+to|'d\s+like\s+to|are\s+going\s+to|is\s+going\s+to|plans?\s+to|"
    r"aims?\s+to|want\s+to|"
    r"wants\s+to|intend\s+to|intends\s+to|need\s+to|needs\s+to|must|should|would\s+like\s+to|commit\s+to|"
    r"commits\s+to|are\s+to|is\s+to|have\s+to|has\s+to|expect\s+to|hope\s+to|can|could|to|want|wants|"
    r"would\s+like|expect|expects|hope|hopes|need|needs|would\s+love|"
    r"are\s+committed\s+to|will\s+be\s+able\s+to|also|then|now|successfully|finally|fully)\s+)*)"
)
# "The council will ...", "This release is going to ...": a subject that is not an actor, then a modal.
_NP_SUBJECT_RE = re.compile(
    r"(?P<np>(?:the|our|a|an|this|that|these|each|every|its|their)\s+(?:[\w'&-]+\s+){0,4}?[\w'&-]+)\s+"
    r"(?:will|shall|is\s+going\s+to|are\s+going\s+to|plans?\s+to|aims?\s+to|is\s+to|are\s+to|must|should|"
    r"needs?\s+to|has\s+to|have\s+to)\s+(?:(?:also|then|now|successfully|finally|fully|soon)\s+)*"
)
_GOAL_RE = re.compile(
    r"(?:(?:ensure|make\s+sure|see\s+to\s+it|guarantee)\s+(?:that\s+)?|"
    r"(?:(?:our|the|my|their|its|a|one)\s+)?(?:(?:main|first|key|primary|overall|big|only|second|next)\s+)?"
    r"(?:goal|aim|objective|ambition|plan|intention|priority|mission|target|purpose|job|task|idea|"
    r"deliverable|outcome)\s+(?:for\s+[^,]{1,40}?\s+)?(?:is|will\s+be|was)\s+(?:to\s+|that\s+)?)"
)
_TO_RE = re.compile(r"(?:to|and|then|also|successfully|fully|finally|first)\s+")
_PASSIVE_RE = re.compile(
    r"\b(?:will\s+be|is|are|be|being|been|gets|get|got|becomes|become|was|were|should\s+be|must\s+be|has\s+been|"
    r"have\s+been|will\s+have\s+been)\s+(?:fully\s+|successfully\s+|completely\s+|now\s+|all\s+)?"
    r"(?:[a-z]+ed|built|sent|written|held|set\s+up|made|run|live|available|in\s+place|operational|ready|"
    r"up\s+and\s+running|rolled\s+out|stood\s+up|switched\s+on|turned\s+on)\b"
    r"|\b(?:goes|go|going|went|gone)\s+live\b|\bgo-live\b|\b(?:comes|come)\s+online\b"
)

_WORD_RE = re.compile(r"[a-z]+(?:['-][a-z]+)*|\d+(?:[.,]\d+)*%?")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\"'(])|\n\s*\n|\n(?=\s*[-*•\d])")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00C0-\u024F]")
_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u00a0": " ", "\u202f": " ",
    "\u2009": " ", "\u2007": " ", "\t": " ", "\u2026": "...",
})


# =============================================================================================
# The result
# =============================================================================================


@dataclass(frozen=True)
class Assessment:
    """The verdict on one statement: its kind, the rubric criteria, and hints for the next draft."""

    text: str  # the part of the statement that was assessed
    kind: str  # "output", "outcome" or "unclear"
    criteria: dict[str, bool]
    well_formed: bool
    hints: tuple[str, ...]
    summary: str
    evidence: dict[str, str] = field(default_factory=dict)  # criterion -> the words that ticked it
    reason: str = ""  # the words that decided the kind
    trap: str = ""  # "traction", "vanity", "attitude", "team", "channel" or "": a trap the statement falls into
    why: str = ""  # one sentence saying why the trap is not a behaviour (or not a who), quoting the text

    @property
    def next_hint(self) -> str:
        """The one hint to act on first (hints are ordered: kind and who, behaviour, measure, baseline and
        target, timeframe, guardrail); "" when there is nothing left to suggest."""
        return self.hints[0] if self.hints else ""

    def missing(self) -> tuple[str, ...]:
        """The rubric criteria not yet met, in rubric order."""
        return tuple(name for name in CRITERIA if not self.criteria.get(name))

    def report(self) -> str:
        """Plain-text report: verdict, one line per criterion with its evidence, then the ONE hint to act on first
        (the rest are in ``hints``: a learner fixes one thing, then asks again)."""
        lines = [self.summary]
        if self.why:
            lines.append(f"Why: {self.why}")
        for name in CRITERIA:
            mark = "✓" if self.criteria.get(name) else "✗"
            found = f' ("{self.evidence[name]}")' if name in self.evidence else ""
            lines.append(f"{mark} {name}: {LABELS[name]}{found}")
        if self.hints:
            more = len(self.hints) - 1
            lines.append(f"Next: {self.next_hint}" + (f" ({more} more after this one.)" if more else ""))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()

    def _repr_html_(self) -> str:
        colour = "#1b5e20" if self.well_formed else "#a4161a"
        body = html.escape(self.report()).replace("\n", "<br>")
        return f'<div class="workshop-assessment" role="status" style="color:{colour}">{body}</div>'


# =============================================================================================
# Internals
# =============================================================================================


class _Tok:
    __slots__ = ("w", "s", "e")

    def __init__(self, w: str, s: int, e: int):
        self.w, self.s, self.e = w, s, e


def _is_number(word: str) -> bool:
    return word[:1].isdigit()


def _is_actor(word: str, nxt: str = "") -> bool:
    if word in SEGMENT_NOUNS:
        return bool(nxt) and (nxt in _BEHAVIOUR and nxt not in BEHAVIOUR_NOUNS or nxt in ("who", "that")
                              or _unknown_verb(nxt) or _verb_like(nxt) and not nxt.endswith("s")
                              and nxt not in ARTEFACTS and nxt not in DELIVERY_NOUNS)
    if word in TEAM_WORDS or word in NOT_ACTORS:
        return False
    if word in ACTORS:
        return True
    if word.endswith(_ACTOR_ENDINGS) and len(word) > 5 and not word.endswith(("ments", "ness")):
        return not word.endswith(("ders", "ters", "pers")) or word.endswith("holders") or nxt in ("who", "that")
    return False


def _unknown_verb(word: str) -> bool:
    """An unknown word that could be an imperative verb ("Vaccinate", "Digitalise"): not a plural or participle."""
    return (word not in _KNOWN and word.isalpha() and not word.endswith(("ed", "ing", "ly"))
            and (not word.endswith("s") or word.endswith("ss")) and not _nounish(word))


def _nounish(word: str) -> bool:
    return word.endswith(_NOUN_ENDINGS) and word not in _BEHAVIOUR


def _verb_like(word: str) -> bool:
    """Could ``word`` be a verb right after an actor? Unknown words count unless they look like nouns."""
    if not word or word in STOP or _is_number(word) or word in _NUMBER_WORD_SET or word in MONTHS \
            or word in NOT_VERBS:
        return False
    if word in _BEHAVIOUR or word in _MOVE:
        return True
    if word in ARTEFACTS or word in METRIC_NOUNS:
        return False
    if word in ACTORS or word in BEHAVIOUR_NOUNS or _nounish(word):
        return False
    return word.isalpha() or "-" in word


def _quote(original: str, start: int, end: int, limit: int = 60) -> str:
    words = original[start:end].strip(" ,.;:!?\"'")
    if len(words) > limit:
        words = words[:limit].rsplit(" ", 1)[0] + "..."
    return words


def _truncate(text: str) -> tuple[str, bool]:
    if len(text) <= MAX_CHARS:
        return text, False
    head = text[: MAX_CHARS + 1]
    parts = _SENTENCE_END_RE.split(head)
    kept = ""
    for part in parts[:MAX_SENTENCES]:
        candidate = f"{kept} {part}".strip() if kept else part.strip()
        if len(candidate) > MAX_CHARS:
            break
        kept = candidate
    if not kept:
        kept = head[:MAX_CHARS].rsplit(" ", 1)[0]
    return kept, True


def _language_problem(text: str) -> str:
    """"" when the text reads as English; else a reason ("no letters", "script", "language")."""
    if text.isascii():
        if not _ASCII_LETTER_RE.search(text):
            return "no letters"
        letters_count, accented = 1, 0
    else:
        letters = _LETTER_RE.findall(text)
        if not letters:
            return "no letters"
        latin = len(_LATIN_LETTER_RE.findall(text))
        if latin / len(letters) < 0.6:
            return "script"
        letters_count = len(letters)
        accented = latin - len(_ASCII_LETTER_RE.findall(text))
    words = _WORD_RE.findall(text.lower())
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    foreign = sum(1 for w in words if w in FOREIGN_WORDS)
    if foreign >= 2 and foreign > english:
        return "language"
    if accented >= 3 and accented / letters_count > 0.05 and english == 0:
        return "language"
    if not any(w in _KNOWN or _is_actor(w) for w in words):
        return "unknown words"
    return ""


class _Parse:
    """Everything the criteria need, computed once per statement."""

    def __init__(self, original: str):
        self.original = original
        low = original.translate(_TRANSLATE).lower()
        if len(low) != len(original):  # "İ".lower() is two characters: keep offsets aligned with the original
            low = "".join(ch.lower()[:1] for ch in original.translate(_TRANSLATE))
        self.low = low
        self.guard_start, self.guard_text = self._guardrail()
        if self.guard_start < 3 and self.guard_text:
            # "While keeping costs flat, grow online bookings": the guardrail comes first. Blank it out
            # (offsets stay aligned with the original) and keep what follows its comma.
            comma = low.find(",", self.guard_start)
            end = comma + 1 if comma > 0 else len(low)
            self.guard_text = low[self.guard_start: end].rstrip(",")
            self.main = " " * end + low[end:]
        else:
            self.main = low[: self.guard_start]
        self.tokens = [_Tok(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(self.main)]
        self.first_sentence_end = self._first_sentence_end()
        self.lead_index, self.team_subject, self.lead_start = self._lead_position()

    # ---- clause structure -------------------------------------------------------------------
    def _first_sentence_end(self) -> int:
        m = _SENTENCE_STOP_RE.search(self.main)
        return m.start() if m else len(self.main)

    def _guardrail(self) -> tuple[int, str]:
        low = self.low
        starts: list[tuple[int, int]] = []
        # "From April 2027, pickers complete 95% of orders without a re-pick": the opening time phrase and its
        # comma belong to the main clause, not to a guardrail.
        lead = _PREFIX_RE.match(low)
        lead = _LEAD_TIME_RE.match(low, lead.end() if lead else 0)
        lead_end = lead.end() if lead else 0
        for m in _GUARDRAIL_RE.finditer(low):
            if m.start() > 0:
                starts.append((m.start(), m.end()))
        for m in _WHILE_RE.finditer(low):
            after = low[m.end(): m.end() + 80]
            before = low[max(0, m.start() - 2): m.start()]
            if "," in before or any(cue in after for cue in WHILE_CUES):
                starts.append((m.start(), m.end() + len(after.split(",")[0])))
        for m in _WITH_NO_RE.finditer(low):
            late = bool(_TIMEFRAME_RE.search(low, lead_end, m.start()) or _TO_QTY_RE.search(low, 0, m.start()))
            if late or "," in low[max(0, m.start() - 2): m.start()]:
                starts.append((m.start(), m.end()))
        for m in _WITHOUT_RE.finditer(low):
            after = low[m.end(): m.end() + 40].lstrip()
            before = low[max(0, m.start() - 2): m.start()]
            if after.startswith(WITHOUT_BEHAVIOUR):
                continue
            changes = after.startswith(GUARDRAIL_CHANGE_WORDS)
            late = bool(_TIMEFRAME_RE.search(low, lead_end, m.start()) or _BASELINE_RE.search(low, 0, m.start())
                        or _TO_QTY_RE.search(low, 0, m.start()))
            if changes or "," in before or late:
                starts.append((m.start(), min(len(low), m.end() + 40)))
        if not starts:
            return len(low), ""
        start = min(s for s, _ in starts)
        # Start the clause at the punctuation or conjunction that opens it ("..., making sure X does not fall").
        already_open = _CLAUSE_OPENER_RE.match(low, start) or low.startswith(("and ", "with "), start)
        openers = [] if already_open else [o for o in _CLAUSE_OPENER_RE.finditer(low, max(0, start - 50), start)
                                            if o.start() >= lead_end]
        if openers:
            last = openers[-1]
            start = last.end() if last.group().strip() in (",", ";") else last.start()
        while start < len(low) and low[start] in ",; ":
            start += 1
        return start, low[start:].strip()

    def _lead_position(self) -> tuple[int, str, int]:
        """Where the main clause starts after labels, time phrases and "we will".

        Returns (token index, who the subject was: "team", "thing" or "", character offset).
        """
        text = self.main
        pos = 0
        team = ""
        for _ in range(4):
            before = pos
            m = _PREFIX_RE.match(text, pos)
            if m and m.end() > pos:
                pos = m.end()
            m = _LEAD_TIME_RE.match(text, pos)
            if m and m.end() > pos:
                pos = m.end()
            m = _GOAL_RE.match(text, pos)
            if m and m.end() > pos:
                pos = m.end()
            m = _SUBJECT_RE.match(text, pos)
            if m and m.end() > pos and m.group("team"):
                team = "team"
                pos = m.end()
            else:
                m = _NP_SUBJECT_RE.match(text, pos)
                if m and not any(_is_actor(w) or w in BEHAVIOUR_NOUNS or w in METRIC_SUBJECT_HEADS
                                 for w in _WORD_RE.findall(m.group("np"))):
                    team = team or "thing"
                    pos = m.end()
            m = _TO_RE.match(text, pos)
            if m:
                pos = m.end()
            while pos < len(text) and text[pos] in " ,:;-\"'(":
                pos += 1
            if pos == before:
                break
        index = next((i for i, t in enumerate(self.tokens) if t.s >= pos), len(self.tokens))
        return index, team, pos

    # ---- helpers ----------------------------------------------------------------------------
    def word(self, i: int) -> str:
        return self.tokens[i].w if 0 <= i < len(self.tokens) else ""

    def span(self, i: int, j: int) -> str:
        """Original words of tokens i..j (inclusive)."""
        i = max(i, 0)
        j = min(j, len(self.tokens) - 1)
        if j < i:
            return ""
        return _quote(self.original, self.tokens[i].s, self.tokens[j].e, limit=80)

    def phrase_from(self, i: int, stop_at_numbers: bool = False, max_words: int = 6) -> str:
        j = i
        boundaries = {"by", "in", "to", "for", "with", "within", "before", "from", "on", "across", "at", "so",
                      "while", "without", "and", "through", "via", "over", "during", "until", "that", "which"}
        while j + 1 < len(self.tokens) and j - i + 1 < max_words:
            nxt = self.tokens[j + 1]
            if nxt.w in boundaries or (stop_at_numbers and _is_number(nxt.w)):
                break
            if any(ch in self.main[self.tokens[j].e: nxt.s] for ch in ",.;:()!?"):
                break
            j += 1
        return self.span(i, j)


def _behaviour(p: _Parse, start: int = 0, end: int | None = None) -> tuple[str, int, str]:
    """The first behaviour cue in tokens[start:end]: (evidence, actor index or -1, mode).

    ``mode`` is "" for a plain behaviour, "capability" for "customers can ..." and "purpose" for
    "for customers to ...": both describe what a thing makes possible, not what people do.
    """
    toks = p.tokens
    end = len(toks) if end is None else end
    # 0. "active users", "returning customers"; "open rates", "sign-up rate": behaviour by definition.
    for i in range(start, end - 1):
        w, nxt = toks[i].w, toks[i + 1].w
        if w in BEHAVIOUR_ADJECTIVES and _is_actor(nxt, p.word(i + 2)):
            acting = _actor_verb(p, i + 1, end)
            if acting and not acting[2]:
                return p.span(i, _object_end(p, i + 2, end)), i + 1, ""  # "repeat customers order again"
            return p.span(i, i + 1), i + 1, ""
        if nxt in ("rate", "rates") and (w in _BEHAVIOUR or w in BEHAVIOUR_NOUNS) and w != "use":
            return p.span(i, i + 1), -1, ""
    # 1. The passive with people as its agent: "claims are filed online by 70% of policyholders".
    agent = _passive_agent(p, start, end)
    if agent:
        return agent
    # 2. An actor followed (closely) by a verb: "tenants report", "members who redeem", "customers to use".
    for i in range(start, end):
        found = _actor_verb(p, i, end)
        if found:
            return found
    # 3. A behaviour noun not used as a modifier of an artefact ("call volume", "no-shows", "adoption of").
    for i in range(start, end):
        w = toks[i].w
        if w not in BEHAVIOUR_NOUNS:
            continue
        nxt = p.word(i + 1)
        if nxt in ARTEFACTS and nxt not in ("service", "services"):
            continue
        if w in AMBIGUOUS_BEHAVIOUR_NOUNS and not _behaviour_context(p, i):
            continue
        first = i
        prev = p.word(i - 1)
        if i - 1 >= start and prev not in STOP and not _is_number(prev) and prev not in _CHANGE \
                and prev not in _DELIVERY and prev not in METRIC_NOUNS:
            first = i - 1  # "repeat purchases", "online bookings"
        last = i
        while last + 1 < end and (p.word(last + 1) in BEHAVIOUR_NOUNS or _participle(p.word(last + 1))
                                  or p.word(last + 1) in ("volume", "volumes", "rate", "rates")) and last - i < 2:
            last += 1  # "repeat purchases", "claims filed", "call volume"
        return p.span(first, last), -1, ""
    # 4. A thing followed by a behaviour participle ("claims filed online", "invoices paid within 30 days").
    for i in range(start, end - 1):
        w, nxt = toks[i].w, toks[i + 1].w
        if w in STOP or _is_number(w):
            continue
        if "," in p.main[toks[i].e: toks[i + 1].s] or nxt in _COUNTING_PARTICIPLES:
            continue  # "website, measured by": how it is counted, not what anyone does
        if _participle(nxt) and (nxt in _BEHAVIOUR or p.word(i + 2) in ("online", "on", "by", "within", "in",
                                                                          "through", "via", "before")):
            if nxt in DELIVERY_PARTICIPLES and nxt not in _BEHAVIOUR:
                continue
            return p.span(i, _object_end(p, i + 1, end)), -1, ""
    # 5. A metric of how long or how likely people are to do something ("days to pay", "time to hire").
    for i in range(start, end - 2):
        if toks[i].w in ("days", "time", "hours", "minutes", "weeks", "months", "likelihood", "propensity") \
                and toks[i + 1].w == "to" and _verb_like(toks[i + 2].w) and toks[i + 2].w not in _DELIVERY:
            return p.span(i, _object_end(p, i + 2, end)), -1, ""
    # 6. "who/that" + verb after any noun ("households that switch", "graduates who find work").
    for i in range(start + 1, end - 1):
        if toks[i].w in ("who", "that") and toks[i - 1].w not in STOP:
            k = i + 1
            while p.word(k) in BRIDGE and k < i + 4:
                k += 1
            verb = p.word(k)
            if verb and _verb_like(verb) and verb not in DELIVERY_PARTICIPLES:
                return p.span(i - 1, _object_end(p, k, end)), -1, ""
    return "", -1, ""


_PASSIVE_AUX = frozenset(("is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"))
_AGENT_QUANTIFIERS = frozenset(("of", "most", "more", "all", "half", "the", "our", "its", "at", "least", "over",
                                "under", "about", "around", "nearly", "almost", "every", "each", "many"))


def _passive_agent(p: _Parse, start: int, end: int) -> tuple[str, int, str] | None:
    """"Bookings are made online by 60% of dog owners": people as the agent of a passive behaviour verb.

    Only a behaviour verb counts ("collected", "booked", "paid"), not a delivery ("leaflets are delivered by
    volunteers": still the organisation's work), and only with a passive auxiliary before it."""
    toks = p.tokens
    for b in range(start + 2, end - 1):
        if toks[b].w != "by":
            continue
        k = b + 1
        while k < min(end, b + 6) and (toks[k].w in _AGENT_QUANTIFIERS or _is_number(toks[k].w)
                                        or toks[k].w in _NUMBER_WORD_SET):
            k += 1
        actor = next((a for a in range(k, min(end, k + 3)) if _is_actor(toks[a].w, p.word(a + 1))
                      and (a == k or all(toks[m].w not in STOP for m in range(k, a)))), -1)
        if actor < 0:
            continue
        for v in range(b - 1, max(start, b - 7) - 1, -1):
            verb = toks[v].w
            if "," in p.main[toks[v].e: toks[v + 1].s]:
                break
            if p.word(v - 1) not in _PASSIVE_AUX:
                continue
            base = _BEHAVIOUR.get(verb)
            if base and _participle(verb) and verb not in DELIVERY_PARTICIPLES:
                return p.span(v, actor), actor, ""
            break
    return None


def _object_end(p: _Parse, verb: int, end: int, extra: int = 3) -> int:
    """Index of the last word of a verb's object, for quoting ("report repairs online")."""
    last = verb
    while last + 1 < min(end, verb + 1 + extra):
        nxt = p.tokens[last + 1]
        if nxt.w in OBJECT_BOUNDARIES - {"on", "in", "to"} or _is_number(nxt.w) or nxt.w in ("who", "that") \
                or "," in p.main[p.tokens[last].e: nxt.s]:
            break
        if nxt.w in ("to", "on", "in") and last > verb:
            break
        last += 1
    while last > verb and p.tokens[last].w in STOP:
        last -= 1
    return last


def _actor_verb(p: _Parse, i: int, end: int) -> tuple[str, int, str] | None:
    """Behaviour cue starting at an actor noun at i, or None."""
    toks = p.tokens
    w = toks[i].w
    nxt = p.word(i + 1)
    if not _is_actor(w, nxt):
        return None
    singular = (not w.endswith("s") or w.endswith("ss")) and w not in MASS_ACTORS
    # "customer complaints", "patient no-shows": a singular actor as modifier of a behaviour noun.
    if nxt in BEHAVIOUR_NOUNS and p.word(i + 2) not in ARTEFACTS and nxt not in AMBIGUOUS_BEHAVIOUR_NOUNS:
        return p.span(i, i + 1), i, ""
    j = i + 1
    # Skip a prepositional tail ("users of the payroll module", "SMEs in our portfolio") when a
    # verb follows within a few words.
    passive_clause = nxt in ("who", "that") and p.word(i + 2) in ("are", "is", "were", "was", "have", "has") \
        and (_participle(p.word(i + 3)) or p.word(i + 3) == "been")
    if nxt in ACTOR_TAILS or nxt == "to" and p.word(i + 2) in DETERMINERS or passive_clause:
        # "visitors to the museum website", "patients who are prescribed statins" then the verb
        for k in range(j + 1, min(j + 7, end)):
            wk = toks[k].w
            if wk in ("who", "that") and not passive_clause:
                j = k
                break
            prev = toks[k - 1].w
            if prev in DETERMINERS or prev in ("to", "of", "for", "with", "on", "in", "at", "by"):
                continue
            # A known behaviour verb, or an unknown word followed by its object.
            if (wk in _BEHAVIOUR and wk not in BEHAVIOUR_NOUNS) or (
                    _verb_like(wk) and (p.word(k + 1) in OBJECT_STARTERS or _is_number(p.word(k + 1)))
                    and not wk.endswith("s")) or (wk in _BEHAVIOUR and _is_number(p.word(k + 1))):
                return p.span(i, _object_end(p, k, end)), i, ""
        else:
            return None
    capability = False
    steps = 0
    while j < end and steps < 5:
        b = toks[j].w
        if b in ASPECT_VERBS:
            if p.word(j + 1) == "to" or p.word(j + 1).endswith("ing"):
                j += 1
                steps += 1
                continue
            break  # "members choose the annual plan": the aspect verb is the behaviour
        if b in ("are", "is", "be", "were", "was"):
            k = j + 1
            while p.word(k) in BRIDGE and k < j + 3:
                k += 1
            if p.word(k).endswith("ing") and _verb_like(p.word(k)):
                j = k  # progressive: "donors who are still giving"
                break
            if p.word(j + 1) not in ("able", "more", "less", "now"):
                break
        if b not in BRIDGE and b not in CAPABILITY_MODALS and b not in ("be", "are", "is", "have", "has",
                                                                        "need", "needs", "want", "wants"):
            break
        capability = capability or b in ("can", "could", "able", "option", "access", "allowed", "permitted",
                                         "possible")
        j += 1
        steps += 1
    if j >= end:
        return None
    verb = toks[j].w
    between = p.main[toks[i].e: toks[j].s]
    if "," in between or ";" in between or verb in ("are", "is", "be", "was", "were"):
        return None
    after_modal = toks[j - 1].w in ("will", "would", "to", "can", "could", "should", "must", "may", "might",
                                    "do", "does", "don't", "doesn't", "not")
    if verb in DELIVERY_PARTICIPLES and not after_modal and (verb not in _BEHAVIOUR or verb.endswith("ed")):
        return None  # "staff trained": the team's work, done to them
    if not (_verb_like(verb) or verb.endswith("ing") and verb not in STOP):
        return None
    quantified = any(_is_number(p.word(k)) or p.word(k) in _NUMBER_WORD_SET or p.word(k) in QUANTIFIERS
                     for k in range(max(0, i - 4), i))
    if w.endswith("s") and not w.endswith("ss") and w not in MASS_ACTORS and verb.endswith("s") and not quantified \
            and not verb.endswith("ss") and verb != (_BEHAVIOUR.get(verb) or _MOVE.get(verb) or verb):
        return None  # "satisfaction among households improves": the verb agrees with another subject
    if singular and j == i + 1 and not (verb in _BEHAVIOUR and verb.endswith("s") and verb != _BEHAVIOUR[verb]):
        return None  # "business accounts", "customer portal": a modifier, unless "the customer renews"
    quote = p.span(i, _object_end(p, j, end))
    heads_subject = all(p.word(k) not in STOP for k in range(p.lead_index, i))  # not "logins by customers"
    if verb in _MOVE and verb not in _BEHAVIOUR and heads_subject and \
            p.word(j + 1) in ("from", "to", "by", "in", "over", "above", "beyond", "past", "") + tuple(MONTHS):
        return p.span(i, j), i, "headcount"  # how many there are, not what they do
    if verb in _ATTITUDE:
        return quote, i, "attitude"  # "guests rate their stay": a feeling reported, not a behaviour
    if p.word(i - 1) == "for" and p.word(i + 1) == "to":
        return quote, i, "purpose"  # "an app for farmers to log yields": what the thing is for
    return quote, i, "capability" if capability else ""


_COUNTING_PARTICIPLES = frozenset(("measured", "counted", "judged", "scored", "assessed", "evaluated", "defined",
                                   "expressed", "calculated", "shown"))


def _participle(word: str) -> bool:
    return len(word) > 4 and word.endswith("ed") and word not in ("need", "speed", "seed", "feed", "breed") \
        or word in ("paid", "made", "sent", "done", "taken", "given", "bought", "sold", "kept", "seen", "read",
                    "left", "found", "won", "spent")


def _behaviour_context(p: _Parse, i: int) -> bool:
    """Is the ambiguous behaviour noun at i counted as something people do? (a metric or participle nearby)."""
    before = {p.word(i - 1), p.word(i - 2), p.word(i - 3)}
    after = p.word(i + 1)
    if p.word(i - 1) not in ARTEFACTS and any(p.word(i - k) in _CHANGE and p.word(i - k) not in DETERMINERS
                                              for k in (1, 2, 3)):
        return True  # "cut support calls", not "reduce server response time"
    if after in ("of", "by", "among", "amongst") or p.word(i - 1) in (
            "higher", "lower", "greater", "increased", "reduced", "fewer", "more", "less"):
        return True
    if before & {"of", "more", "fewer", "less", "repeat", "online", "self-service", "digital", "monthly",
                 "weekly", "daily", "annual", "average"}:
        return True
    return _participle(after) or after in _MOVE or after in ("per", "rate", "rates", "volume", "volumes", "share")


def _lead_kind(p: _Parse) -> tuple[str, str]:
    """Kind decided by how the main clause opens, or ("", "") when the opening does not decide."""
    i = p.lead_index
    w = p.word(i)
    nxt = p.word(i + 1)
    if not w:
        return "", ""
    # "Call volume falls", "Open rates rise": a noun compound, not an imperative.
    subject_np = (nxt in METRIC_SUBJECT_HEADS and w not in _CHANGE and w not in _INFLUENCE) or any(
        p.word(k) in _MOVE and p.word(k) not in _DELIVERY and p.word(k - 1) != "to"
        for k in range(i + 2, min(i + 7, len(p.tokens))))
    if subject_np and (nxt in DETERMINERS or _is_number(nxt)):
        subject_np = False  # "Support 500 businesses ...", "Grow the ...": an imperative and its object
    if w.endswith("ing") and w not in _VERB_BASES and _is_actor(nxt, p.word(i + 2)) \
            and _actor_verb(p, i + 1, len(p.tokens)):
        return "", ""  # "Hiring managers give feedback", "Paying customers renew": a kind of people
    # "Partners resell our product", "Trains run late": a subject and its verb, not an imperative.
    third_person = w.endswith("s") and not w.endswith("ss") and w not in _VERB_BASES and not p.team_subject
    if third_person or (_is_actor(w, nxt) and _actor_verb(p, i, len(p.tokens))):
        return "", ""
    # "Trial accounts invite colleagues": a segment modifier that happens to be a verb, then actor and verb.
    if w in SEGMENT_MODIFIERS and _is_actor(nxt, p.word(i + 2)) and _actor_verb(p, i + 1, len(p.tokens)):
        return "", ""
    # "Deliver a 20% reduction in no-shows": a delivery verb wrapped round an outcome.
    if w in _DELIVERY and _WRAPPED_CHANGE_RE.match(p.main, p.tokens[i].s):
        return "change", p.phrase_from(i)
    if w in _INFLUENCE and not subject_np:
        # "Help small businesses file on time", "Get members to book": an actor *doing* something.
        if any(_actor_verb(p, k, len(p.tokens)) for k in range(i + 1, min(i + 7, len(p.tokens)))):
            return "outcome", p.phrase_from(i, max_words=5)
        if w in _CHANGE:
            return "change", p.phrase_from(i)
        if w not in _CHANGE:
            return "output", p.phrase_from(i)  # "Support 500 small businesses with training"
    if w in ("make", "makes") and nxt in ("it", "sure"):
        return "output", p.phrase_from(i)
    if w in ("make", "makes") and any(_is_actor(p.word(k), p.word(k + 1)) for k in range(i + 1, i + 4)):
        return "outcome", p.phrase_from(i, max_words=4)  # causative: "make patients feel confident"
    if w in _CAPABILITY and not subject_np and w not in _CHANGE:
        return "output", p.phrase_from(i)
    if w in ("go", "goes") and nxt == "live" or w == "go-live":
        return "output", p.phrase_from(i)
    if w in ("switch", "turn") and nxt in ("on", "off"):
        return "output", p.span(i, min(i + 3, len(p.tokens) - 1))  # "Switch on online renewals"
    if w in ("roll", "set", "stand", "spin", "kick", "sign") and nxt in ("out", "up", "off"):
        return "output", p.phrase_from(i)
    if w in _CHANGE and not subject_np:
        if w in _DELIVERY and w not in ("reduce", "cut", "increase", "improve", "raise", "grow", "lower",
                                        "double", "halve", "keep", "expand", "extend", "convert", "move",
                                        "get", "secure", "save", "win", "acquire", "attract", "retain"):
            return "output", p.phrase_from(i)
        return "change", p.phrase_from(i)
    if w in _DELIVERY and not subject_np and w not in ("go", "goes", "stand", "spin", "kick", "sign", "set",
                                                       "roll", "start", "begin", "order", "call", "record",
                                                       "test", "stock", "index", "label", "tag", "map", "link",
                                                       "code", "staff", "market", "partner", "contact", "visit",
                                                       "plan", "schedule", "review", "renew", "complete",
                                                       "open", "update", "run", "hold", "fit", "put",
                                                       "package", "present", "brief", "close", "move", "record",
                                                       "email", "mail", "issue", "stage", "host"):
        return "output", p.phrase_from(i)
    if w in _DELIVERY and not subject_np and (p.team_subject or i == 0 or p.lead_start > 0):
        # Words that are nouns as often as verbs ("order", "call", "update") count as imperatives only
        # when what follows looks like an object, not like a verb of their own.
        follow = p.word(i + 1)
        if not (follow in _MOVE or follow in _BEHAVIOUR and follow not in ARTEFACTS and follow not in DETERMINERS
                and not _is_number(follow) and follow not in STOP):
            return "output", p.phrase_from(i)
    if (not subject_np and (w in _VERB_BASES or _unknown_verb(w))
            and w not in STOP and not _is_actor(w, nxt)
            and (nxt in OBJECT_STARTERS or _is_number(nxt) or nxt in ("up", "out", "down", "off"))):
        # Any other imperative ("Process 95% of claims", "Answer all calls within 20 seconds"): the
        # doer is the team, so it is what the team does.
        return "output", p.phrase_from(i)
    if w in DELIVERY_NOUNS and any(_is_actor(p.word(k), p.word(k + 1)) for k in (i + 1, i + 2)):
        return "", ""  # "New customers launch their first campaign": a segment, not a new thing
    if w in DELIVERY_NOUNS and (nxt in ("of", "for", "to", "and") or w in ("new", "updated", "redesigned",
                                                                            "improved", "revamped",
                                                                            "refreshed", "upgraded")
                                or w.endswith(("tion", "ment", "out", "live")) and not subject_np):
        return "output", p.phrase_from(i)
    if _is_number(w) and nxt == "new":
        return "output", p.phrase_from(i)
    if w in ("a", "an", "one") and nxt in ("new", "updated", "redesigned", "improved", "second", "single",
                                           "dedicated", "revamped", "modern", "central", "shared", "digital",
                                           "mobile", "online"):
        # "A new self-service kiosk in every branch": a thing, with no one doing anything.
        return "thing", p.phrase_from(i)
    if p.team_subject and w not in DETERMINERS and not _is_number(w) and not _is_actor(w, nxt):
        # "We will ...", "The data team will ...": the team's own doing unless it moves a metric.
        if w in _CHANGE or w in _INFLUENCE:
            return "change", p.phrase_from(i)
        return "output", p.phrase_from(i)
    return "", ""


def _object_kind(p: _Parse, lead: int) -> tuple[str, str]:
    """For a leading change verb: is its object a behaviour (outcome) or an artefact/system property (output)?

    Verbs that mainly move a metric ("increase", "reduce") default to an outcome ("Increase revenue");
    verbs that mainly move things ("move", "extend", "achieve") default to an output ("Move payroll to
    the cloud") unless their object is a behaviour or a business result.
    """
    toks = p.tokens
    if lead + 1 < len(toks) and _TRACTION_NOUN_RE.match(p.main, toks[lead + 1].s):
        return "outcome", p.phrase_from(lead)  # "Increase page views": people's use, a traction trap below
    # The head of the first noun phrase decides first: "Reduce the backlog of change requests".
    k = lead + 1
    while k < len(toks) and (toks[k].w in DETERMINERS or _is_number(toks[k].w)):
        k += 1
    head = -1
    while k < len(toks) and toks[k].w not in STOP and toks[k].w not in OBJECT_BOUNDARIES and k < lead + 6 \
            and not (head >= 0 and (_participle(toks[k].w) or toks[k].w in DELIVERY_PARTICIPLES)):
        head = k
        k += 1
    if head >= 0:
        w = toks[head].w
        if (w in ARTEFACTS or w in SYSTEM_METRICS) and w not in BUSINESS_METRICS and w not in BEHAVIOUR_NOUNS:
            return "output", p.span(lead, head)
    evidence, _, _ = _behaviour(p, lead + 1)
    if evidence:
        return "outcome", evidence
    end = lead + 1
    while end < len(toks) and end < lead + 9 and toks[end].w not in OBJECT_BOUNDARIES \
            and "," not in p.main[toks[end - 1].e: toks[end].s]:
        end += 1
    words = [toks[k].w for k in range(lead + 1, end)]
    for k, w in enumerate(words, start=lead + 1):
        if w in BUSINESS_METRICS:
            return "outcome", p.span(lead, k)
    for k, w in enumerate(words, start=lead + 1):
        if w in DELIVERY_PARTICIPLES and w not in ("available", "live", "ready", "set"):
            return "output", p.span(lead, k)
        if w in ARTEFACTS or w in SYSTEM_METRICS:
            return "output", p.span(lead, k)
    if _CHANGE.get(toks[lead].w) in WEAK_CHANGE_VERBS:
        return "output", p.phrase_from(lead)
    return "outcome", p.phrase_from(lead)


def _kind(p: _Parse) -> tuple[str, str, str, str]:
    """(kind, the words that decided it, behaviour evidence found in the main clause, its mode)."""
    behaviour, actor, mode = _behaviour(p, p.lead_index)
    kind, reason, override = _decide(p, behaviour, actor, mode)
    return kind, reason, behaviour if override is None else override, mode if behaviour else ""


def _decide(p: _Parse, behaviour: str, actor: int, mode: str) -> tuple[str, str, str | None]:
    lead_kind, lead_words = _lead_kind(p)
    if lead_kind == "output":
        return "output", lead_words, None
    if lead_kind == "outcome":
        return "outcome", lead_words, None
    if lead_kind == "change":
        kind, words = _object_kind(p, p.lead_index)
        return kind, words, None
    # No decisive opening: look at the clause as a whole.
    sentence = p.main[: p.first_sentence_end]
    passive = _PASSIVE_RE.search(sentence, p.lead_start)
    if passive and behaviour and actor >= 0 and _after_own_clause(p, behaviour, passive.start()):
        passive = None  # "clients book before the reminder is sent": the subject acts, the reminder is sent
    if passive and behaviour and actor >= 0 and p.tokens[actor].s > passive.start() and \
            _passive_agent(p, p.lead_index, len(p.tokens)):
        passive = None  # "reminders are collected by 80% of pet owners": the owners act
    if passive:
        verb = passive.group().split()[-1]
        subject_is_actor = actor >= 0 and p.tokens[actor].s < passive.start()
        is_delivery = verb in DELIVERY_PARTICIPLES or verb in ("live", "place", "running", "on", "online",
                                                               "up", "out")
        if is_delivery and not (subject_is_actor and verb not in DELIVERY_PARTICIPLES) and \
                (not behaviour or actor < 0 or p.main.find(behaviour.lower()) > passive.start()
                 or subject_is_actor):
            return "output", _quote(p.original, p.lead_start, passive.end()), None
    if behaviour and mode in ("attitude", "headcount"):
        return "outcome", behaviour, ""  # about people, though not a behaviour: the trap says why
    if behaviour and mode:
        return "output", p.phrase_from(p.lead_index) if mode == "purpose" else behaviour, None
    if lead_kind == "thing" and not behaviour:
        return "output", lead_words, None
    # A bare delivery participle after a noun ("Sensors fitted to 2,000 bins").
    for k in range(p.lead_index, min(p.lead_index + 5, len(p.tokens))):
        w = p.word(k)
        if (w in DELIVERY_PARTICIPLES and w.endswith(("ed", "en", "t")) and k > p.lead_index
                and (not behaviour or actor < 0 or actor > k)
                and (p.word(k - 1) in ARTEFACTS or not behaviour)):
            return "output", p.span(p.lead_index, k), None
    if behaviour:
        return "outcome", behaviour, None
    # A metric moving or stated ("Revenue grows 10%", "NPS above 50 by year end").
    for k in range(p.lead_index, min(p.lead_index + 8, len(p.tokens))):
        w = p.word(k)
        if (w in SYSTEM_METRICS or w in ARTEFACTS and w not in ("service", "services")) and any(
                p.word(m) in _MOVE or p.word(m) in _CHANGE for m in range(k + 1, min(k + 5, len(p.tokens)))):
            return "output", p.span(p.lead_index, k), None
        if w in METRIC_SUBJECT_HEADS and w not in GENERIC_METRIC_WORDS and not _is_actor(w) and any(
                p.word(m) in _MOVE or p.word(m) in _CHANGE or _is_number(p.word(m))
                or p.word(m) in ("above", "below", "under", "over", "least", "most")
                for m in range(k + 1, min(k + 6, len(p.tokens)))):
            return "outcome", p.span(max(p.lead_index, k - 1), k), None  # "NPS above 50", "Revenue grows 10%"
    # "Customers are happier", "Tenants feel safer": a change in people, though not yet a behaviour.
    for k in range(p.lead_index, min(p.lead_index + 4, len(p.tokens))):
        if _is_actor(p.word(k)) and p.word(k + 1) in ("are", "feel", "become", "get", "seem", "stay", "remain") \
                and (p.word(k + 2).endswith("er") or p.word(k + 2) in ("more", "less", "better", "satisfied",
                                                                          "happy", "confident", "loyal")):
            return "outcome", p.span(k, k + 2), None
    if p.word(p.lead_index) in ("more", "fewer", "less"):
        return "outcome", p.phrase_from(p.lead_index, max_words=4), None
    if _VANITY_RE.search(sentence, p.lead_start):
        return "outcome", "", None  # "followers grow to 15,000": not the team's work either; the trap says why
    return "output", "", None


def _after_own_clause(p: _Parse, behaviour: str, at: int) -> bool:
    """Whether the behaviour ends before offset ``at`` and a clause word or comma lies between them."""
    found = p.main.find(behaviour.lower())
    if found < 0 or found + len(behaviour) > at:
        return False
    between = p.main[found + len(behaviour): at]
    return "," in between or any(w in CLAUSE_WORDS for w in _WORD_RE.findall(between))


def _spans(regex: re.Pattern, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in regex.finditer(text, start, end)]


def _inside(s: int, e: int, spans) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _overlaps(s: int, e: int, spans) -> bool:
    return any(s < b and a < e for a, b in spans)


def _is_year(text: str) -> bool:
    return bool(_YEAR_ONLY_RE.fullmatch(text.strip()))


def _criteria(p: _Parse, kind: str, behaviour_ev: str) -> tuple[dict[str, bool], dict[str, str]]:
    low, main = p.low, p.main
    ev: dict[str, str] = {}

    time_spans = []
    for m in _TIMEFRAME_RE.finditer(low):
        time_spans.append((m.start(), m.end()))
    base_spans = []
    for m in _BASELINE_RE.finditer(main):
        qty = _QTY_RE.search(m.group())
        if qty and _is_year(qty.group()) and not m.group().rstrip().endswith("%"):
            continue  # "from 2024": a date, not a level
        if m.group().endswith(("between now", "from now", "until now", "till now")):
            continue  # "..., between now and December": a timeframe, not a level today
        if _inside(m.start(), m.end(), time_spans) and "today" not in m.group():
            continue
        base_spans.append((m.start(), m.end()))
    # Timeframe: not the "this year" of "compared with 45% this year". A date ("by June 2027") is better
    # evidence than a window that may belong to the behaviour ("book a second class within six weeks").
    window = ("within", "in ", "over", "during", "after", "inside")
    for s, e in sorted(time_spans, key=lambda span: low[span[0]:span[1]].startswith(window)
                       and not _YEAR_OR_MONTH_RE.search(low, span[0], span[1])):
        if _overlaps(s, e, base_spans) and not low[s:e].startswith(("by", "within", "before", "until", "in ",
                                                                     "between")):
            continue
        if low[s:e].startswith("from") and not _YEAR_OR_MONTH_RE.search(low, s, e):
            continue
        ev["timeframe"] = _quote(p.original, s, e)
        break
    if base_spans:
        s, e = min(base_spans, key=lambda span: not re.match(r"(?:up |down |[a-z]+ing )?from\b", main[span[0]:]))
        ev["baseline"] = _quote(p.original, s, e)

    # Target: an explicit goal cue, or (in an outcome) a quantity stated as the level to reach.
    # "from 18% to 35%": the "to" right after the baseline is the target, whatever came before it
    # ("invite at least two colleagues ..." describes the behaviour).
    targets = list(_TARGET_RE.finditer(main))
    paired = [m for m in targets
              if m.group().startswith("to ") and any(0 <= m.start() - be <= 3 for _, be in base_spans)]
    for m in paired + targets:
        s, e = m.start(), m.end()
        if _inside(s, e, base_spans) or _overlaps(s, e, time_spans) and not _RELATIVE_RE.search(m.group()):
            continue
        qty = _QTY_RE.search(m.group())
        if qty and _is_year(qty.group()):
            continue
        if m.group().startswith("to ") and kind == "output" and not _PERCENT_OR_PER_RE.search(m.group()):
            continue  # "Roll out to 40 stores": where, not how far
        if m.group().startswith(("over ", "under ")) and _SPAN_UNIT_AFTER_RE.match(main, e, e + 12):
            continue
        ev["target"] = _quote(p.original, s, e)
        break
    if "target" not in ev and kind != "unclear":
        for m in _QTY_RE.finditer(main, p.lead_start):
            s, e = m.start(), m.end()
            if _inside(s, e, base_spans) or _overlaps(s, e, time_spans) or _is_year(m.group()):
                continue
            before = main[max(0, s - 12): s]
            if _NOT_A_GOAL_BEFORE_RE.search(before):
                continue
            if _NAMED_NUMBER_RE.search(p.original[max(0, s - 20): s]) or (
                    _VERSION_BEFORE_RE.search(p.original[max(0, s - 20): s])
                    and re.fullmatch(r"\d+(?:\.\d+)+", m.group())):
                continue  # "Chatbot 2.0", "Year 9 pupils", "version 12": part of a name, not a level to reach
            tail = main[e: e + 20]
            if not _UNIT_AFTER_RE.match(tail) and not m.group().endswith(("%", "cent")):
                continue
            if _WINDOW_AFTER_RE.match(tail):
                continue
            unit = _UNIT_WORD_RE.match(main, e)
            ev["target"] = _quote(p.original, s, unit.end() if unit else e)
            break

    # Measure: a metric word or a quantity with a unit, outside dates.
    measures = _MEASURE_RE.finditer(main)
    # "within 7 days" is a window in the behaviour: a later quantity says better how it is counted.
    measures = [m for m in measures if not main[max(0, m.start() - 7): m.start()].endswith("within ")] + \
        [m for m in measures if main[max(0, m.start() - 7): m.start()].endswith("within ")]
    for m in measures:
        s, e = m.start(), m.end()
        if _inside(s, e, time_spans) and not _PERCENT_RE.search(m.group()):
            continue
        if m.group().startswith("per ") and _PER_SE_RE.match(m.group()):
            number = _NUMBER_BEFORE_RE.search(main, max(0, s - 20), s)
            if not number:
                continue
            s = number.start()  # "80 per cent of new matters"
        if m.group() in ("rate", "rates", "score", "count", "index", "mean", "total") and \
                _FOLLOWED_BY_OBJECT_RE.match(main, e):
            continue  # "guests rate their stay": a verb, not a metric
        before = _MODIFIER_BEFORE_RE.search(main, max(0, s - 25), s)
        if before and m.group()[:1].isalpha() and before.group(1) not in STOP and before.group(1) not in _CHANGE \
                and before.group(1) not in ARTEFACTS:
            s = before.start(1)  # "call volume", "repeat purchase rate"
        ev["measure"] = _quote(p.original, s, e)
        break
    if "measure" not in ev:
        for m in _COUNT_RE.finditer(main):
            s, e = m.start(), m.end()
            if _overlaps(s, e, time_spans) or _is_year(m.group().split()[0]):
                continue
            noun = m.group().split()[-1]
            if noun in STOP or noun in MONTHS:
                continue
            ev["measure"] = _quote(p.original, s, e)
            break

    # Who and behaviour. An output changes nobody's behaviour, whoever it names as recipients
    # ("Build a portal for customers to view invoices"); the hints still use what was found.
    if kind == "outcome":
        if behaviour_ev:
            ev["behaviour"] = behaviour_ev
        who = _who(p, kind)
        if who:
            ev["who"] = who

    # Guardrail.
    if p.guard_text:
        ev["guardrail"] = _quote(p.original, p.guard_start, p.guard_start + len(p.guard_text), limit=90)

    criteria = {name: name in ev for name in CRITERIA}
    return criteria, ev


def _who(p: _Parse, kind: str) -> str:
    """The actor whose behaviour changes: a behaviour cue's actor, or (in an outcome) any named actor."""
    toks = p.tokens
    for i in range(p.lead_index, len(toks)):
        w = toks[i].w
        if not _is_actor(w, p.word(i + 1)):
            continue
        prev = p.word(i - 1)
        if w == "staff" and prev in ("it", "project"):
            continue
        # Actor as direct object of the team's delivery verb ("Train 600 staff", "email all members")
        # does not say whose behaviour changes.
        if kind == "output":
            nxt = p.word(i + 1)
            follows_verb = _verb_like(nxt) and nxt not in _DELIVERY or nxt in ("who", "that", "to") \
                and _verb_like(p.word(i + 2))
            if not follows_verb:
                continue
        start = i
        while start - 1 >= p.lead_index and (toks[start - 1].w not in STOP or toks[start - 1].w in ("new",)) \
                and not _is_number(toks[start - 1].w) and toks[start - 1].w not in _NUMBER_WORD_SET \
                and toks[start - 1].w not in _CHANGE \
                and toks[start - 1].w not in _INFLUENCE \
                and (toks[start - 1].w not in _DELIVERY or toks[start - 1].w in SEGMENT_MODIFIERS) \
                and toks[start - 1].w not in METRIC_NOUNS and i - start < 3 \
                and "," not in p.main[toks[start - 1].e: toks[start].s]:
            start -= 1
        end = i
        if p.word(i + 1) == "of" and p.word(i + 2) in ("the", "our", "a") and i + 4 < len(toks):
            end = i + 4 if toks[i + 4].w not in STOP else i + 3
        return p.span(start, end)
    # "trial accounts that connect a data source": the subject of a relative clause with a verb acts.
    for i in range(p.lead_index + 1, len(toks) - 1):
        if toks[i].w in ("who", "that") and _verb_like(p.word(i + 1)) and p.word(i + 1) not in DELIVERY_PARTICIPLES:
            w = toks[i - 1].w
            if w in STOP or w in ARTEFACTS or w in BEHAVIOUR_NOUNS or w in METRIC_SUBJECT_HEADS or _is_number(w):
                continue
            start = i - 1
            if p.word(i - 2) not in STOP and not _is_number(p.word(i - 2)) and p.word(i - 2) not in METRIC_NOUNS:
                start = i - 2
            return p.span(start, i - 1)
    return ""


# =============================================================================================
# Traps: things that look like a behaviour (or a who) and are not
# =============================================================================================


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _acts_itself(main: str, who: str) -> bool:
    """Whether the named people do something themselves ("we want more volunteers *to submit*"), rather than
    being moved by the team ("we will move more customers to direct debit": the team still acts)."""
    if not who:
        return False
    m = re.search(rf"\b{re.escape(who.lower())}\s+to\s+([a-z-]+)", main)
    return bool(m and m.group(1) in _BEHAVIOUR)


def _trap(p: _Parse, kind: str, mode: str, ev: dict[str, str]) -> tuple[str, str, str]:
    """(trap, the words that fell into it, one sentence saying why) for an outcome, or ("", "", "").

    traction and vanity volumes count use of a thing, attitudes count feelings: the rubric scores both 0
    for behaviour. The team as subject scores 0 for who. A channel shift is only worth a question.
    """
    if kind != "outcome":
        return "", "", ""
    main = p.main[p.lead_start:]
    offset = p.lead_start
    who = ev.get("who", "")
    people = (who[:1].lower() + who[1:] if who[1:2].islower() else who) if who else "people"

    def words(m: re.Match) -> str:
        return _quote(p.original, offset + m.start(), offset + m.end())

    if mode == "headcount":
        quoted, _, _ = _behaviour(p, p.lead_index)
        return "vanity", quoted, (f'"{_cap(quoted)}" counts how many {people} there are, not what they do: a '
                                  "running total is a vanity volume, not a behaviour.")
    # A running total first: "total downloads" is a vanity volume before it is a count of use.
    m = _VANITY_RE.search(main)
    if m:
        quoted = words(m)
        return "vanity", quoted, (f'"{_cap(quoted)}" is a running total that grows whatever {people} do: that is a '
                                  "vanity volume, not a behaviour.")
    # Traction: use of a feature counted as if it were what people achieve.
    found = _using_a_feature(main) or _TRACTION_NOUN_RE.search(main) or _CONVERSATION_RE.search(main)
    if not found and _DIGITAL_WORD_RE.search(main):
        found = _SESSIONS_RE.search(main)  # "sessions a week" in an app
    if found:
        quoted = words(found)
        return "traction", quoted, (f'"{_cap(quoted)}" counts use of a feature, not a change in what {people} '
                                    "achieve: that is a traction metric.")
    # Attitudes: how people feel or rate something, not what they do.
    state = _ATTITUDE_STATE_RE.search(main)
    behaviour = ev.get("behaviour", "")
    if mode == "attitude" or state:
        if mode == "attitude" and not behaviour:
            behaviour = _attitude_phrase(p, who)
        quoted = behaviour if mode == "attitude" and behaviour else (words(state) if state else "")
        at = main.find(who.lower()) if who else -1
        if state and at >= 0 and 0 <= state.start() - at - len(who) <= 2:
            quoted = _quote(p.original, offset + at, offset + state.end())  # "Citizens are happier"
        if not quoted:
            m = _ATTITUDE_METRIC_RE.search(main)
            quoted = words(m) if m else who
        return "attitude", quoted, (f'"{_cap(quoted)}" is an attitude: how {people} feel or rate you is not what '
                                    "they do differently.")
    metric = _ATTITUDE_METRIC_RE.search(main)
    at = main.find(behaviour.lower()) if behaviour else -1
    clause = re.split(r"[,:;]|\b(?:from|by|while|whilst|without)\b", main[at:])[0] if at >= 0 else ""
    rating = _ATTITUDE_METRIC_RE.search(clause)
    if metric and rating:
        quoted = _quote(p.original, offset + at, offset + at + rating.end())
        # "shoppers give the store 5-star reviews": a rating given, not a behaviour
        return "attitude", quoted, (f'"{quoted}" is a rating: how {people} feel or rate you is not what they do '
                                    "differently.")
    if metric and not behaviour:
        quoted = ev.get("measure", "") if ev.get("measure", "") and any(
            w in ev["measure"].lower() for w in ATTITUDE_METRICS) else words(metric)
        return "attitude", quoted, (f'"{_cap(quoted)}" measures an attitude, not a behaviour: how {people} feel '
                                    "or rate you is not what they do differently.")
    if p.team_subject == "team" and not _acts_itself(main, who):
        lead = _quote(p.original, 0, p.lead_start).rstrip() or "We"
        return "team", lead, (f'"{lead}" is the team: an outcome names who outside the team behaves '
                              "differently.")
    own = _OUR_SERVICE_RE.match(main)
    if own and own.group("who") not in _OUTSIDE_ACTORS:
        quoted = words(own)
        return "team", quoted, (f'"{_cap(quoted)}": the organisation’s own people doing their work faster is '
                                "delivery. An outcome names who outside the team behaves differently.")
    m = _CHANNEL_RE.search(main)
    if m and behaviour and not ev.get("guardrail"):
        quoted = words(m)
        return "channel", quoted, (f'"{_cap(quoted)}" moves the same task to another channel: that is an outcome. '
                                   f"It is stronger when it says what {people} gain by it (time, money, a task "
                                   "finished), or guards what they get done.")
    return "", "", ""


def _using_a_feature(text: str) -> re.Match | None:
    """Use of a feature ("open the app", "switch on reminders", "ask the chatbot"), unless the use is the way
    to a behaviour that follows ("use the app to book a repair": booking is the behaviour)."""
    for m in _TRACTION_VERB_RE.finditer(text):
        after = text[m.end(): m.end() + 25]
        if re.match(r"\s+(?:to|and|so\s+they)\s+(?!the\b|a\b|an\b|our\b)[a-z]+", after) and not re.match(
                r"\s+to\s+(?:use|open|click|view|see|visit|access|try|browse|explore|check)\b", after):
            continue
        return m
    return None


def _attitude_phrase(p: _Parse, who: str) -> str:
    """The words that report a feeling ("pet owners agree that ...", "members rate the app"), with the actor
    as the statement names it."""
    phrase, actor, mode = _behaviour(p, p.lead_index)
    if mode != "attitude" or actor < 0:
        return ""
    if who and who.lower().split()[-1] == p.word(actor):
        phrase = who + phrase[len(p.tokens[actor].w):]
    after = p.main[p.low.find(phrase.lower()) + len(phrase):] if p.low.find(phrase.lower()) >= 0 else ""
    return phrase + " that ..." if after.lstrip().startswith("that ") else phrase


# =============================================================================================
# Hints
# =============================================================================================


# "Our curators reply to 80% of questions within a day": the organisation's own people serving faster, the
# course's "our support team replies within 4 hours" (an output), unless those people are its customers.
_OUR_SERVICE_RE = re.compile(
    r"\s*(?:our|the\s+[a-z-]+(?:'s|’s))\s+(?:[a-z-]+\s+){0,3}?(?P<who>[a-z-]+)\s+(?:reply|replies|respond|responds|"
    r"answer|answers|process|processes|handle|handles|resolve|resolves|deliver|delivers|ship|ships|publish|"
    r"publishes|send|sends|serve|serves|mark|marks|fix|fixes|repair|repairs|review|reviews|approve|approves|"
    r"call\s+back|calls\s+back)\b")
_OUTSIDE_ACTORS = frozenset((
    "customers", "clients", "members", "users", "patients", "visitors", "guests", "tenants", "residents",
    "students", "pupils", "parents", "suppliers", "partners", "donors", "volunteers", "subscribers", "fans",
    "players", "shoppers", "buyers", "passengers", "riders", "readers", "viewers", "citizens", "households",
    "families", "businesses", "farmers", "learners", "candidates", "borrowers", "savers", "policyholders",
))
_ATTITUDE_ADJ_RE = re.compile(rf"\b(?:{_ATTITUDE_ADJ_ALT})\b")
_ATTITUDE_VERB_RE = re.compile(r"\b(?:" + "|".join(f for base in ATTITUDE_VERBS[:9] for f in (base, base + "s"))
                               + r")\b")


def counts_use_or_opinion(text: str) -> str:
    """Why a measure, read on its own ("app store rating out of 5", "Instagram followers", "taps on the rewards
    tab"), counts use of a feature, a feeling or a running total rather than a behaviour; "" when it does not.

    ``assess`` names those traps only in a statement that reads as an outcome; a measure alone names no actor,
    so the impact-map check asks this instead."""
    if not isinstance(text, str) or not text.strip():
        return ""
    p = _Parse(text.strip())
    use = _using_a_feature(p.low)
    if use and not _TRACTION_NOUN_RE.search(p.low):  # "taps on the rewards tab": the noun says it better
        more = re.match(r"(?:\s+(?!(?:to|and|for|by|in|at|from|while|every|each|twice|once)\b)[\w'-]+){0,3}",
                        p.low[use.end():])
        quoted = _cap(_quote(p.original, use.start(), use.end() + more.end()))
        return (f'"{quoted}" is use of a feature (a traction metric), not a change in what people get done. Who '
                "should do what differently, and how would you count that?")
    return _measure_not_behaviour(p)


def _measure_not_behaviour(p: _Parse) -> str:
    """The hint for a statement whose subject is a measure of use, feeling or a running total (an NPS, registered
    users, a guide "used by 40%"): not what a team does, and not yet what anyone does differently."""
    for pattern, what in ((_VANITY_RE, "is a running total that grows whatever people do (a vanity volume)"),
                          (_ATTITUDE_METRIC_RE, "measures how people feel, not what they do (an attitude)"),
                          (_ATTITUDE_VERB_RE, "says how people feel, not what they do (an attitude)"),
                          (_ATTITUDE_ADJ_RE, "says how people feel, not what they do (an attitude)"),
                          (_TRACTION_NOUN_RE, "counts use of a feature (a traction metric)")):
        m = pattern.search(p.low)
        if m:
            return (f'"{_cap(_quote(p.original, m.start(), m.end()))}" {what}. Who should do what differently, '
                    "and how would you count that?")
    return ""


def _hints(p: _Parse, kind: str, criteria: dict[str, bool], ev: dict[str, str], reason: str,
           found_behaviour: str, trap: str = "", why: str = "") -> list[str]:
    """Hints in the order to act on them: kind and who, behaviour, measure, baseline, target, timeframe,
    guardrail. The first is the one the rewriter shows (``Assessment.next_hint``)."""
    hints: list[str] = []
    who = ev.get("who", "")
    if kind == "output":
        words = reason or p.phrase_from(p.lead_index)
        hints.append(_measure_not_behaviour(p) or f'You wrote "{words}": that is what the team does. Who would '
                                                  "behave differently if it worked, and how?")
        so = _SO_THAT_RE.search(p.low)
        if so:
            rest = _quote(p.original, so.end(), len(p.low), limit=60)
            if rest:
                hints.append(f'The part after "{p.original[so.start():so.end()].strip()}" ("{rest}") is closer to '
                             "an outcome: start the statement there.")
        elif found_behaviour:
            hints.append(f'"{found_behaviour}" is a behaviour: make that the goal, and the deliverable one way to '
                         "reach it.")
        else:
            hints.append('Try: "<who> <do what differently>, from X to Y by <when>".')
        return hints
    if trap == "team" and who:
        hints.append(f'{why} Make "{who}" the subject: what will they do differently?')
    elif not criteria["who"]:
        if p.team_subject == "team":
            hints.append('"We" or "the team" is not a who: name the customers, staff or partners whose '
                         "behaviour should change.")
        elif p.team_subject == "thing":
            hints.append("The organisation itself is not a who: name the customers, staff or partners whose "
                         "behaviour should change.")
        elif kind == "unclear" and reason and not trap:
            hints.append(f'"{reason}" names a result, not who does what: name the customers, staff or partners '
                         "whose behaviour drives it.")
        else:
            hints.append(_measure_not_behaviour(p) or "Name whose behaviour changes: which customers, staff, "
                                                      "partners or citizens?")
    subject = f'"{who}"' if who else "they"
    if trap in ("traction", "vanity", "attitude"):
        hints.append(f"{why} What will {subject} do differently, that this would only hint at? Describe what they "
                     "get done (pay, renew, finish a task, come back), not how often they touch the product or "
                     "how they feel.")
    elif not criteria["behaviour"]:
        hints.append(f"What will {subject} do differently? Describe an action you could observe "
                     "(book, renew, pay, return, refer...), not a result, a feeling or a click.")
    if not criteria["measure"]:
        hints.append("How will you count it? Add a metric with a unit, such as a share of "
                     f"{who or 'people'} or a number per month.")
    if not criteria["baseline"]:
        what = f' for "{ev["measure"]}"' if criteria["measure"] and len(ev["measure"]) < 40 else ""
        hints.append(f'Where is it today{what}? Add "from X".')
    if not criteria["target"]:
        hints.append('Where should it be? Add "to Y".')
    if not criteria["timeframe"]:
        hints.append('By when? Add a date, such as "by the end of Q3" or "within six months".')
    if trap == "channel":
        hints.append(why)
    if not criteria["guardrail"]:
        hints.append('What must not get worse while you push this? Add a guardrail, such as "while keeping '
                     'complaints below 2%".')
    return hints


def _summary(kind: str, well_formed: bool, criteria: dict[str, bool], reason: str, trap: str = "") -> str:
    """One sentence. "of the 6 required" because the guardrail, shown beside the six, is recommended only:
    "of 6" read as if its cross were one of them."""
    if kind == "unclear":
        return "Unclear: no one is named doing anything differently, so this is not an outcome yet."
    if kind == "output":
        return (f'Output: "{reason}" describes what the team makes or does, not whose behaviour changes.'
                if reason else "Output: no change in anyone's behaviour is stated.")
    missing = [name for name in REQUIRED if not criteria[name]]
    if well_formed and criteria["guardrail"]:
        return "A well-formed outcome, with a guardrail: who, behaviour, measure, baseline, target and timeframe."
    if well_formed:
        return "A well-formed outcome: who, behaviour, measure, baseline, target and timeframe are all there."
    leads = {"vanity": "Not an outcome yet: it counts a running total, not behaviour.",
             "traction": "Not an outcome yet: it counts use, not behaviour.",
             "attitude": "Not an outcome yet: it measures an attitude, not behaviour.",
             "team": "The team's aim, not yet an outcome: no one outside the team is named."}
    still = f"{len(missing)} of the 6 required: {', '.join(missing)}."
    if trap in leads:
        return f"{leads[trap]} Still missing {still}"
    return f"An outcome, still missing {still}"


def _unclear(text: str, hint: str, summary: str) -> Assessment:
    return Assessment(text=text, kind="unclear", criteria=dict.fromkeys(CRITERIA, False), well_formed=False,
                      hints=(hint,), summary=summary, evidence={}, reason="")


# =============================================================================================
# Public API
# =============================================================================================


def assess(text: str) -> Assessment:
    """Assess one outcome statement against the rubric; see the module docstring for the rules.

    Returns an :class:`Assessment`: ``kind`` ("output", "outcome" or "unclear"), ``criteria`` (the
    seven rubric questions, each True or False), ``well_formed`` (an outcome meeting the first six),
    ``hints`` for the next draft, a one-sentence ``summary`` and the ``evidence`` behind every tick.
    """
    if not isinstance(text, str):
        raise WorkshopError(
            f"Give the statement as text, in quotes, e.g. assess(\"Tenants report repairs online ...\") "
            f"(got {type(text).__name__})."
        )
    if not text.strip():
        return _unclear("", 'Write one sentence about whose behaviour should change, e.g. "Tenants report '
                            'repairs online, from 30% to 60% of repairs by June".', "Unclear: the statement is empty.")
    assessed, truncated = _truncate(text.strip())
    problem = _language_problem(assessed)
    if problem == "no letters":
        return _unclear(assessed, "Write the statement as a sentence in words: who does what differently, "
                                  "from X to Y by when.", "Unclear: there are no words to assess.")
    if problem == "unknown words":
        return _unclear(assessed, "I could not find any English words I know in this. Write one sentence: who "
                                  "does what differently, from X to Y by when.",
                        "Unclear: no words the assessor can read.")
    if problem:
        return _unclear(assessed, "The assessor reads English only: write the statement in English, e.g. "
                                  '"Members redeem a reward each quarter, from 12% to 20% by December".',
                        "Unclear: this does not read as English.")
    p = _Parse(assessed)
    kind, reason, behaviour_ev, mode = _kind(p)
    criteria, evidence = _criteria(p, kind, behaviour_ev)
    trap, _, why = _trap(p, kind, mode, evidence)
    if trap in ("traction", "vanity", "attitude"):
        evidence.pop("behaviour", None)  # the rubric scores use and feelings 0 for behaviour
        criteria["behaviour"] = False
    if trap in ("traction", "vanity"):
        evidence.pop("measure", None)  # and counting use of a feature, or a running total, 0 for measure
        criteria["measure"] = False
    if trap == "team":
        criteria["who"] = False  # the team acts: the people it names are not yet the subject (scored 0 for who)
    if kind == "outcome" and not criteria["who"] and not criteria["behaviour"]:
        kind = "unclear"  # nothing says who does what: never call that an outcome
    well_formed = kind == "outcome" and all(criteria[name] for name in REQUIRED)
    hints = _hints(p, kind, criteria, evidence, reason, behaviour_ev, trap, why)
    if trap == "team":
        evidence.pop("who", None)
    if truncated:
        hints.append(f"Keep it to one or two sentences: only the first {len(assessed)} characters were assessed.")
    return Assessment(text=assessed, kind=kind, criteria=criteria, well_formed=well_formed, hints=tuple(hints),
                      summary=_summary(kind, well_formed, criteria, reason, trap), evidence=evidence, reason=reason,
                      trap=trap, why=why)
