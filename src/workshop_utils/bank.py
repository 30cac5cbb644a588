"""A bank of deliverables to practise reframing as outcomes, each with a model answer and its traps.

Why a bank: the skill the course exists to teach (turning "build X" into "who does what differently")
needs many attempts on unfamiliar cases, not four attempts on one organisation. So the entries come from
many sectors and none from the case study, and each one says why its model answer works and which
tempting rewrites fall into a trap, so the drill (``workshop_utils.drill``) can coach rather than mark.

Entries are data with named fields. Tests hold every model answer to the assessor's "well-formed" verdict
and every trap rewrite to the trap it is meant to show, so the bank and the assessor cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_utils.errors import WorkshopError

# The traps a rewrite can fall into, with the words a participant reads.
TRAP_KINDS = {
    "traction": "counts use of a feature (opens, clicks, logins, downloads), not what people achieve",
    "attitude": "measures a feeling or a satisfaction score, not what people do",
    "team": "makes the team ('we') the actor, not the people whose behaviour changes",
    "vanity": "counts a running total that grows whatever people do",
    "output": "an output with a number and a date: still what the team makes or does",
    "no_baseline": "moves a behaviour but says nothing about where it is today",
}


@dataclass(frozen=True)
class Trap:
    """A tempting wrong rewrite, the kind of trap it falls into, and why in one sentence."""

    kind: str
    rewrite: str
    reason: str


@dataclass(frozen=True)
class Entry:
    """One deliverable as a team would write it, a model outcome statement and the traps it invites."""

    id: str
    sector: str
    deliverable: str
    model: str
    why: str
    traps: tuple[Trap, ...]


def _t(kind: str, rewrite: str, reason: str) -> Trap:
    if kind not in TRAP_KINDS:
        raise ValueError(f"unknown trap kind {kind!r}")
    return Trap(kind=kind, rewrite=rewrite, reason=reason)


ENTRIES: tuple[Entry, ...] = (
    # ---- Public health ---------------------------------------------------------------------------
    Entry(
        id="ph01", sector="public health",
        deliverable="Launch an SMS reminder service for childhood vaccinations",
        model="Parents bring their child to the 12-month vaccination appointment on time, from 71% to 85% of "
              "children by March 2027, without longer waits at clinics.",
        why="Reminders are only worth sending if parents turn up: on-time attendance is the behaviour, and "
            "clinic waiting times guard against filling clinics beyond what they can handle.",
        traps=(
            _t("traction", "Parents open the vaccination reminder messages, from 40% to 70% by March 2027.",
               "Opening a message is use of the reminder, not bringing a child to the clinic."),
            _t("output", "Send 20,000 vaccination reminders by March 2027.",
               "Sending reminders is what the team does, however many and by whenever."),
        )),
    Entry(
        id="ph02", sector="public health",
        deliverable="Build a stop-smoking web portal",
        model="Smokers who join the service stop smoking for at least four weeks, from 34% to 45% of those who "
              "set a quit date by the end of 2026, while the number of people setting a quit date does not fall.",
        why="The portal exists to help people stop smoking; four-week quit rates are the standard measure, and "
            "the guardrail stops the rate rising only because fewer, keener people sign up.",
        traps=(
            _t("traction", "Smokers visit the stop-smoking portal more often, from 1,500 to 4,000 visits a month "
                           "by the end of 2026.",
               "Visits count traffic to the portal, not people who stop smoking."),
            _t("attitude", "Smokers feel more confident about quitting, with a confidence score from 5.2 to 7 by "
                           "the end of 2026.",
               "Feeling confident is an attitude; the rubric asks what smokers do differently."),
        )),
    Entry(
        id="ph03", sector="public health",
        deliverable="Run a bowel-screening awareness campaign",
        model="Adults aged 60 to 74 return their home screening kit within 30 days, from 58% to 68% of kits "
              "sent by June 2027, while false-positive referrals stay below 3%.",
        why="Awareness is a means; a returned kit is what actually finds cancers early. Returning within 30 "
            "days is observable and countable from the lab's records.",
        traps=(
            _t("attitude", "Older adults are more aware of bowel screening, with awareness from 40% to "
                           "60% by June 2027.",
               "Awareness is a state of mind; people can know about the kit and still not return it."),
            _t("team", "We will increase the number of screening kits returned by June 2027.",
               "'We' is the team: name the people who return the kits."),
        )),
    Entry(
        id="ph04", sector="public health",
        deliverable="Open three extra weekend sexual-health clinics",
        model="Young people under 25 take a sexual-health test within a week of asking for one, from 52% to 75% "
              "of requests by the end of 2026, while keeping repeat visits for the same episode under 10%.",
        why="Extra clinics are one way to shorten the wait; young people getting tested quickly is the change "
            "that matters, and a rise in repeat visits would show rushed appointments.",
        traps=(
            _t("output", "Open three weekend clinics with 600 extra appointment slots by October 2026.",
               "Slots and opening dates describe the team's delivery, not what young people do."),
            _t("no_baseline", "Young people under 25 take a sexual-health test within a week of asking for one, "
                              "reaching 75% of requests by the end of 2026.",
               "Without today's figure nobody can tell whether 75% is a leap or the current state."),
        )),
    # ---- Local government -------------------------------------------------------------------------
    Entry(
        id="lg01", sector="local government",
        deliverable="Redesign the council's bulky-waste collection booking form",
        model="Residents book a bulky-waste collection online without phoning the contact centre, from 35% "
              "to 70% of bookings by September 2026, while fly-tipping reports stay at or below 120 a month.",
        why="A redesigned form matters if residents can finish booking on their own; fly-tipping is the cost "
            "to watch if booking ever gets harder.",
        traps=(
            _t("traction", "Residents click through the new booking form, from 2,000 to 5,000 clicks a month by "
                           "September 2026.",
               "Clicks on the form count use of the page, not bookings completed."),
            _t("team", "We want to reduce calls about bulky waste by September 2026.",
               "The team is the subject; the residents who stop needing to call are the actors."),
        )),
    Entry(
        id="lg02", sector="local government",
        deliverable="Publish the planning applications register as open data",
        model="Householders submit planning applications complete at the first attempt, from 48% to 70% of "
              "applications within 12 months, without the average decision time rising above 8 weeks.",
        why="Open data is a deliverable; fewer incomplete applications is what saves officers and applicants "
            "time, and the guardrail keeps decisions from slowing down.",
        traps=(
            _t("traction", "Householders download the planning data set, from 100 to 1,000 downloads a month "
                           "within 12 months.",
               "Downloads count use of the data set, not better applications."),
            _t("output", "Publish 15 years of planning applications as open data within 12 months.",
               "Publishing is the team's action, even with a scope and a deadline."),
        )),
    Entry(
        id="lg03", sector="local government",
        deliverable="Install smart sensors in 400 public litter bins",
        model="Collection crews empty bins only when they are at least 80% full, from 30% of emptyings to 75% "
              "by April 2027, while overflowing-bin complaints stay under 50 a month.",
        why="Sensors pay off when crews change their rounds; emptying full bins instead of half-empty ones "
            "is the behaviour, and complaints guard against bins overflowing.",
        traps=(
            _t("output", "Install sensors in 400 litter bins, with 99% of sensors reporting, by April 2027.",
               "Installing sensors, and their uptime, are outputs."),
            _t("team", "We aim to cut wasted bin collections by April 2027.",
               "'We' is the team; the crews whose rounds change are the actors."),
        )),
    Entry(
        id="lg04", sector="local government",
        deliverable="Create a new council tenant newsletter",
        model="Tenants report a repair before it becomes urgent: non-urgent reports rise from 55% to 70% of "
              "all repair reports by the end of 2026, while keeping the average repair time under 20 days.",
        why="A newsletter only matters if tenants act on it; reporting early keeps repairs cheap and homes "
            "safe, and the guardrail stops the repairs queue from growing.",
        traps=(
            _t("traction", "Tenants open the newsletter, from 25% to 50% of issues by the end of 2026.",
               "Opening the newsletter is use of it, not reporting repairs earlier."),
            _t("attitude", "Tenants are happier with the repairs service, with satisfaction from 6.1 to 7.5 by "
                           "the end of 2026.",
               "Happiness with a service is an attitude, not a change in what tenants do."),
        )),
    # ---- Logistics --------------------------------------------------------------------------------
    Entry(
        id="lo01", sector="logistics",
        deliverable="Build a parcel tracking page",
        model="Recipients choose a delivery slot before the van leaves the depot, from 12% to 40% of parcels "
              "by Q2 2027, while the first-attempt delivery rate stays above 92%.",
        why="Tracking is worth building if recipients plan around it; choosing a slot in advance is the "
            "behaviour that saves failed deliveries.",
        traps=(
            _t("traction", "Recipients view the tracking page, from 300,000 to 900,000 page views a month by "
                           "Q2 2027.",
               "Page views count traffic, not recipients changing what they do."),
            _t("no_baseline", "Recipients choose a delivery slot before dispatch for 40% of parcels by Q2 2027.",
               "A target with no starting point cannot show whether anything changed."),
        )),
    Entry(
        id="lo02", sector="logistics",
        deliverable="Roll out handheld scanners to all warehouse pickers",
        model="Pickers pick orders without a mis-pick, from 97.1% to 99.5% of order lines by the end of "
              "2026, while keeping lines picked per hour above 110.",
        why="Scanners matter if pickers stop picking the wrong items; pick rate per hour is the guardrail "
            "so accuracy does not come from slowing right down.",
        traps=(
            _t("output", "Roll out 250 handheld scanners to every warehouse by the end of 2026.",
               "Rolling out devices is what the team does."),
            _t("attitude", "Pickers say they are more confident in the new scanners, from 3.0 to 4.2 on a "
                           "five-point scale by the end of 2026.",
               "Saying they are confident is an attitude; mis-picks show what pickers do."),
        )),
    Entry(
        id="lo03", sector="logistics",
        deliverable="Integrate our booking system with the three largest hauliers",
        model="Hauliers book a loading-bay slot at least a day ahead, from 20% to 65% of arrivals within "
              "nine months, without average truck waiting time going over 45 minutes.",
        why="Integration is the means; hauliers booking ahead is what smooths the yard, and the waiting-time "
            "guardrail catches a booking rule that backs trucks up.",
        traps=(
            _t("team", "Our team will increase advance slot bookings within nine months.",
               "Our team is not the actor; the hauliers who book are."),
            _t("output", "Integrate with three hauliers through a booking API within nine months.",
               "An integration with a count and a deadline is still an output."),
        )),
    Entry(
        id="lo04", sector="logistics",
        deliverable="Launch a returns portal for online shoppers",
        model="Shoppers drop their return at a parcel locker instead of booking a courier pickup, from 15% "
              "to 45% of returns by January 2027, while refunds still arrive within 5 days.",
        why="Locker drop-offs are cheaper than pickups; the refund guardrail keeps the saving from becoming "
            "the shopper's problem.",
        traps=(
            _t("vanity", "Grow registered users of the returns portal from 10,000 to 80,000 by January 2027.",
               "Registered users is a running total: it only grows, whatever shoppers do."),
            _t("traction", "Shoppers log in to the returns portal, from 5,000 to 20,000 logins a month by "
                           "January 2027.",
               "Logins count use of the portal, not a cheaper return."),
        )),
    # ---- Higher education -------------------------------------------------------------------------
    Entry(
        id="he01", sector="higher education",
        deliverable="Introduce a new learning analytics dashboard for personal tutors",
        model="Personal tutors contact students who miss two weeks of classes within five working days, "
              "from 30% to 80% of such students by the spring term 2027, without more than 10% of those "
              "contacts being false alarms.",
        why="The dashboard is only useful if tutors act on it; contacting absent students quickly is the "
            "behaviour, and false alarms guard against noisy alerts.",
        traps=(
            _t("traction", "Increase monthly active users of the tutor dashboard from 150 to 600 by the spring "
                           "term 2027.",
               "Active users of a dashboard count use of a tool, not tutors acting on what they see."),
            _t("attitude", "Tutors rate the dashboard as useful, with an average rating from 3.1 to 4.5 by the "
                           "spring term 2027.",
               "A rating is an opinion of the tool, not a change in how tutors support students."),
        )),
    Entry(
        id="he02", sector="higher education",
        deliverable="Produce a first-year study skills video series",
        model="First-year students submit their first assignment by the deadline, from 81% to 92% of "
              "students by December 2026, while the pass rate of those assignments does not drop.",
        why="Videos are a means; first assignments handed in on time are an early sign students are coping, "
            "and the pass-rate guardrail keeps it honest.",
        traps=(
            _t("traction", "First-year students watch the study skills videos, from 2,000 to 10,000 views by "
                           "December 2026.",
               "Views count use of the videos, not students keeping up with their work."),
            _t("output", "Produce 12 study skills videos for first-years by December 2026.",
               "Producing videos is the team's work, however many."),
        )),
    Entry(
        id="he03", sector="higher education",
        deliverable="Digitise the library's interlibrary loan request process",
        model="Postgraduate researchers receive a requested article within 48 hours, from 40% to 85% of "
              "requests by the end of the academic year, while the cost per request stays under £9.",
        why="Researchers getting what they need quickly is the point of digitising; the cost guardrail stops "
            "speed being bought with expensive rush copies.",
        traps=(
            _t("no_baseline", "Postgraduate researchers receive a requested article within 48 hours for 85% of "
                              "requests by the end of the academic year.",
               "Without a baseline nobody knows how far 85% is from today."),
            _t("team", "We want more researchers to receive requested articles within 48 hours by the end of "
                       "the academic year.",
               "'We want' makes the library team the actor; name what researchers get done."),
        )),
    Entry(
        id="he04", sector="higher education",
        deliverable="Set up a peer mentoring scheme for commuter students",
        model="Commuter students continue into their second year, from 78% to 86% of each intake by "
              "autumn 2027, without the share of students on academic probation rising.",
        why="Mentoring exists to keep students who struggle to belong; progression to year two is the "
            "behaviour universities count, and probation guards against passing people through.",
        traps=(
            _t("attitude", "Commuter students feel a stronger sense of belonging, with a belonging score from "
                           "3.2 to 4.0 by autumn 2027.",
               "A sense of belonging is a feeling; continuing into year two is what students do."),
            _t("output", "Match 300 commuter students with a peer mentor by autumn 2027.",
               "Matching students is the scheme's activity, not their behaviour."),
        )),
    # ---- Retail banking ---------------------------------------------------------------------------
    Entry(
        id="rb01", sector="retail banking",
        deliverable="Ship a savings goals feature in the mobile app",
        model="Current-account customers set up a regular monthly transfer into savings, from 9% to 18% of "
              "active customers by June 2027, while overdraft use does not rise.",
        why="A savings feature is worth shipping if people save regularly; the overdraft guardrail catches "
            "customers saving money they then borrow back.",
        traps=(
            _t("traction", "Customers tap the savings goals feature, from 5,000 to 40,000 taps a month by June "
                           "2027.",
               "Taps count use of the feature, not money set aside."),
            _t("vanity", "Reach 200,000 total downloads of the banking app by June 2027.",
               "Total downloads only ever grow, whatever customers do with the app."),
        )),
    Entry(
        id="rb02", sector="retail banking",
        deliverable="Replace the card-freeze phone line with an in-app button",
        model="Customers who lose a card freeze it themselves within an hour, from 25% to 70% of lost-card "
              "cases by March 2027, without fraud losses on lost cards going up.",
        why="Freezing fast is what protects customers; doing it themselves is the change, and fraud losses "
            "guard against people freezing too late.",
        traps=(
            _t("output", "Replace the card-freeze phone line with an in-app button by March 2027.",
               "Replacing a channel is a delivery with a date."),
            _t("attitude", "Customers are more satisfied with lost-card support, with CSAT from 72% to 85% by "
                           "March 2027.",
               "Satisfaction is an attitude; freezing the card quickly is the behaviour."),
        )),
    Entry(
        id="rb03", sector="retail banking",
        deliverable="Train branch staff on mortgage affordability conversations",
        model="First-time buyers who meet an adviser submit a full mortgage application within 30 days, "
              "from 22% to 35% by the end of 2026, while arrears in the first year stay under 1%.",
        why="Training is the means; buyers moving from a chat to an application is the behaviour, and early "
            "arrears guard against pushing unaffordable loans.",
        traps=(
            _t("output", "Train 400 branch staff in affordability conversations by the end of 2026.",
               "Training staff is an activity; the buyers' next step is the outcome."),
            _t("team", "We will grow mortgage applications from first-time buyers by the end of 2026.",
               "'We will' names the bank as actor instead of the buyers."),
        )),
    Entry(
        id="rb04", sector="retail banking",
        deliverable="Migrate small-business customers to the new online banking platform",
        model="Small-business owners pay their suppliers by scheduled bulk payment instead of one by one, "
              "from 8% to 30% of payment runs within a year, while failed payments stay under 0.5%.",
        why="A migration is a delivery; businesses paying suppliers in a batch is time saved, and failed "
            "payments are the guardrail.",
        traps=(
            _t("traction", "Small-business owners log in to the new platform, from 3 to 6 logins a week "
                           "within a year.",
               "Logins count use of the platform, not work done with it."),
            _t("output", "Migrate 12,000 small-business customers to the new platform within a year.",
               "Migrating customers is done to them; it says nothing about what they do."),
        )),
    # ---- Insurance --------------------------------------------------------------------------------
    Entry(
        id="in01", sector="insurance",
        deliverable="Develop an online first notification of loss form",
        model="Policyholders report a car accident with photos on the day it happens, from 18% to 50% of "
              "motor claims by the end of 2026, while claim disputes stay under 4%.",
        why="Early reports with photos settle faster and cheaper; the disputes guardrail catches rushed or "
            "incomplete reports.",
        traps=(
            _t("traction", "Policyholders open the online claim form, from 10,000 to 30,000 times a month by "
                           "the end of 2026.",
               "Opening the form is use of it; many opens could still end in a phone call."),
            _t("no_baseline", "Policyholders report a car accident with photos on the day for 50% of motor "
                              "claims by the end of 2026.",
               "A target without today's share hides whether anything must change."),
        )),
    Entry(
        id="in02", sector="insurance",
        deliverable="Launch a telematics app for young drivers",
        model="Drivers under 25 brake harshly less often, from 6.0 to 3.5 harsh-braking events per 100 miles "
              "by June 2027, while the share of young drivers who renew stays above 70%.",
        why="Safer driving is what lowers claims; the renewal guardrail checks the app does not drive young "
            "customers away.",
        traps=(
            _t("vanity", "Young drivers sign up as registered users of the telematics app, from 2,000 to 25,000 "
                         "by June 2027.",
               "Registered users is a running total that grows whatever people do behind the wheel."),
            _t("traction", "Young drivers open the telematics app, from 1 to 4 times a week by June 2027.",
               "Opening the app is use, not safer driving."),
        )),
    Entry(
        id="in03", sector="insurance",
        deliverable="Redesign the home insurance renewal letter",
        model="Home insurance customers renew before their policy lapses, from 81% to 87% of renewals due by "
              "March 2027, without the average discount given at renewal rising.",
        why="A letter matters if customers renew in time; the discount guardrail stops renewals being bought "
            "rather than earned.",
        traps=(
            _t("attitude", "Customers trust us more, with a trust score from 6.4 to 7.5 by March 2027.",
               "Trust is an attitude; renewing on time is what customers do."),
            _t("output", "Redesign the renewal letter and send it to 300,000 customers by March 2027.",
               "Redesigning and sending letters is the team's delivery."),
        )),
    Entry(
        id="in04", sector="insurance",
        deliverable="Automate claims triage with a rules engine",
        model="Claims handlers settle simple water-damage claims on the first call, from 15% to 45% of such "
              "claims within nine months, while reopened claims stay below 5%.",
        why="Triage pays off when handlers can settle at once; reopened claims guard against settling too "
            "fast to be right.",
        traps=(
            _t("output", "Automate triage for 100% of water-damage claims within nine months.",
               "Automating a process is an output, even at 100%."),
            _t("team", "We will increase the share of water-damage claims settled on the first call within "
                       "nine months.",
               "The team's wish names no one who settles differently."),
        )),
    # ---- Charity / NGO ----------------------------------------------------------------------------
    Entry(
        id="ch01", sector="charity",
        deliverable="Launch an online volunteer shift booking tool",
        model="Volunteers book their own food-bank shifts a week ahead, from 30% to 75% of shifts by "
              "December 2026, while no-shows stay below 8% of booked shifts.",
        why="Self-booking frees coordinators; booking ahead lets the food bank plan, and the no-show "
            "guardrail keeps bookings real.",
        traps=(
            _t("traction", "Volunteers log in to the booking tool, from 100 to 500 logins a month by December "
                           "2026.",
               "Logins count use of the tool, not shifts booked and worked."),
            _t("vanity", "Grow the food bank's followers from 2,000 to 10,000 by December 2026.",
               "Followers are a running total that says nothing about who volunteers."),
        )),
    Entry(
        id="ch02", sector="charity",
        deliverable="Redesign the donation page",
        model="One-off donors switch to a monthly gift within three months of their first donation, from 4% "
              "to 10% of donors by the end of 2026, while refund requests stay under 1%.",
        why="Regular giving is what lets a charity plan; the refund guardrail catches donors nudged into a "
            "commitment they regret.",
        traps=(
            _t("traction", "Donors view the new donation page, from 20,000 to 60,000 page views a month by the "
                           "end of 2026.",
               "Page views count traffic to the page, not gifts."),
            _t("output", "Relaunch the donation page with three giving options by the end of 2026.",
               "A relaunch with options and a date is an output."),
        )),
    Entry(
        id="ch03", sector="charity",
        deliverable="Hire two welfare benefits advisers",
        model="Families who come for advice claim the benefits they are entitled to within two months, from 40% "
              "to 70% of eligible families by July 2027, while waiting lists for advice stay under three weeks.",
        why="Advisers are the means; families actually claiming is the change in their lives, and the "
            "waiting list guards the families still queueing.",
        traps=(
            _t("output", "Hire two welfare benefits advisers by July 2027.",
               "Hiring is the charity's action, not the families' behaviour."),
            _t("no_baseline", "Families who come for advice claim the benefits they are entitled to within two "
                              "months, for 70% of eligible families by July 2027.",
               "Without a starting share there is no way to tell progress from the status quo."),
        )),
    Entry(
        id="ch04", sector="charity",
        deliverable="Distribute 5,000 water filters in rural districts",
        model="Households drink filtered water every day, from 20% to 60% of households in the three "
              "districts by October 2027, while diarrhoea cases among under-fives do not rise.",
        why="A filter in a cupboard does nothing; daily use for drinking water is what protects children, "
            "and the health measure checks the behaviour is doing its job.",
        traps=(
            _t("output", "Distribute 5,000 water filters to households by the October 2027.",
               "Distributing filters is the team's activity; using them is the outcome."),
            _t("attitude", "Households are more aware of waterborne disease, from 30% to 70% awareness by the dry "
                           "season of 2027.",
               "Awareness is a state of mind; drinking filtered water is what households do."),
        )),
    # ---- B2B SaaS ---------------------------------------------------------------------------------
    Entry(
        id="sa01", sector="B2B SaaS",
        deliverable="Build an in-product onboarding checklist",
        model="New trial accounts connect their first data source within 7 days, from 22% to 45% of trials "
              "by Q3 2027, while support tickets per trial stay under 0.5.",
        why="Connecting data is the step after which trials tend to convert; the ticket guardrail catches a "
            "checklist that pushes people into steps they cannot finish.",
        traps=(
            _t("traction", "Trial users click the onboarding checklist, from 30% to 70% of trials by Q3 2027.",
               "Clicks on a checklist count use of the feature, not progress in the product."),
            _t("team", "We will improve trial activation by Q3 2027.",
               "'We will' puts the team in the actor's place."),
        )),
    Entry(
        id="sa02", sector="B2B SaaS",
        deliverable="Release single sign-on for enterprise customers",
        model="Enterprise customers add their whole department within 30 days of signing, from 35% to 60% of "
              "new enterprise accounts by the end of 2026, while seat-related support tickets do not rise.",
        why="Single sign-on removes a barrier to rolling out; admins adding everyone quickly is the "
            "behaviour that leads to renewals.",
        traps=(
            _t("output", "Release single sign-on for all enterprise plans by the end of 2026.",
               "Releasing a feature is an output with a date."),
            _t("traction", "Enterprise users log in with single sign-on, from 2,000 to 9,000 logins a week by "
                           "the end of 2026.",
               "Logins count use of a feature, not departments working in the product."),
        )),
    Entry(
        id="sa03", sector="B2B SaaS",
        deliverable="Add Slack notifications for overdue invoices",
        model="Credit controllers at customer companies chase overdue invoices within three days of the due "
              "date, from 25% to 60% of overdue invoices by June 2027, without the complaint rate about "
              "reminders rising above 1%.",
        why="Notifications matter if credit controllers act; chasing early is what gets cash in, and the "
            "complaint guardrail stops over-eager chasing.",
        traps=(
            _t("traction", "Credit controllers switch on the Slack notifications, from 10% to 40% of accounts "
                           "by June 2027.",
               "Switching on a feature is use, not acting on overdue invoices."),
            _t("attitude", "Customers are happier with invoicing, with NPS from 20 to 35 by June 2027.",
               "A promoter score is an attitude; chasing invoices is the behaviour."),
        )),
    Entry(
        id="sa04", sector="B2B SaaS",
        deliverable="Rewrite the API documentation",
        model="Developers at partner companies make their first successful API call on the day they sign up, "
              "from 15% to 40% of new developer accounts by the end of Q2 2027, while API support tickets "
              "stay below 30 a week.",
        why="Documentation is judged by what developers manage to do; a same-day first call is the behaviour "
            "that predicts a working integration.",
        traps=(
            _t("traction", "Developers view the API documentation, from 5,000 to 20,000 page views a month by "
                           "the end of Q2 2027.",
               "Page views count reading, not working integrations."),
            _t("output", "Rewrite all 140 API reference pages by the end of Q2 2027.",
               "Rewriting pages is the team's output, whatever the count."),
        )),
    # ---- Utilities --------------------------------------------------------------------------------
    Entry(
        id="ut01", sector="utilities",
        deliverable="Install smart meters in 50,000 homes",
        model="Households shift their washing and charging to off-peak hours, from 18% to 30% of their "
              "electricity use by winter 2027, while bills for low-income households do not rise.",
        why="A meter alone changes nothing; moving use off-peak is what eases the grid, and the bill "
            "guardrail protects households who cannot shift.",
        traps=(
            _t("output", "Install 50,000 smart meters by winter 2027.",
               "Installing meters is the utility's delivery."),
            _t("traction", "Households open the energy app, from 2 to 5 sessions a week by winter 2027.",
               "App sessions count use of the app, not use of electricity."),
        )),
    Entry(
        id="ut02", sector="utilities",
        deliverable="Launch a water leak alerts service",
        model="Customers alerted to a leak fix it within 14 days, from 30% to 65% of alerted leaks by "
              "October 2027, while the number of customers asking to stop alerts stays under 2%.",
        why="Alerts only save water if customers act; fixing leaks quickly is the behaviour, and opt-outs "
            "guard against alerts seen as nagging.",
        traps=(
            _t("no_baseline", "Customers alerted to a leak fix it within 14 days, for 65% of alerted leaks by "
                              "October 2027.",
               "Without a baseline, 65% could be progress or the current state."),
            _t("traction", "Customers read the leak alert emails, from 20% to 50% of alerts by October 2027.",
               "Reading an email is use of the alert, not a repaired leak."),
        )),
    Entry(
        id="ut03", sector="utilities",
        deliverable="Offer a direct debit discount",
        model="Customers paying by cash or cheque switch to direct debit, from 10% to 35% of them by April "
              "2027, while the number of missed payments does not rise.",
        why="A discount is a lever; switching payment method is the behaviour that cuts collection costs, "
            "and missed payments guard against people who cannot afford a fixed date.",
        traps=(
            _t("team", "We will move more customers to direct debit by April 2027.",
               "'We will' is the team as actor; customers are the ones who switch."),
            _t("output", "Offer a 3% discount on direct debit to 200,000 customers by April 2027.",
               "Offering a discount is the company's action."),
        )),
    Entry(
        id="ut04", sector="utilities",
        deliverable="Produce a customer energy-saving guide",
        model="Tenants in housing-association homes lower their winter heating use, from 14,000 to 12,000 "
              "kWh per home a year by 2028, without indoor temperatures falling below 18°C.",
        why="A guide is only paper; lower use is what it is for, and the temperature guardrail protects "
            "people who save energy by going cold.",
        traps=(
            _t("attitude", "Tenants feel more informed about saving energy, from 45% to 70% by 2028.",
               "Feeling informed is an attitude, not lower heating use."),
            _t("output", "Produce and mail an energy-saving guide to 25,000 homes by 2028.",
               "Producing and mailing a guide is the team's output."),
        )),
    # ---- Transport --------------------------------------------------------------------------------
    Entry(
        id="tr01", sector="transport",
        deliverable="Introduce contactless payment on buses",
        model="Bus passengers board without paying the driver in cash, from 60% to 90% of boardings by "
              "September 2026, so that average stop dwell time falls, while fare evasion stays below 3%.",
        why="Contactless is a means; fewer cash payments speed up boarding, and the evasion guardrail catches "
            "faster boarding bought with lost fares.",
        traps=(
            _t("output", "Fit contactless readers on all 320 buses by September 2026.",
               "Fitting readers is the operator's delivery."),
            _t("attitude", "Passengers are more satisfied with paying on the bus, with satisfaction from 70% to "
                           "85% by September 2026.",
               "Satisfaction is an attitude, not how passengers pay."),
        )),
    Entry(
        id="tr02", sector="transport",
        deliverable="Build a real-time crowding display for trains",
        model="Commuters move to less crowded carriages: peak trains with a carriage above 120% of capacity "
              "fall from 35% to 15% by the end of 2026, while platform dwell time stays under 60 seconds.",
        why="A display helps only if commuters spread out; overcrowded carriages are the behaviour counted "
            "at scale, and dwell time guards against people moving along the platform too late.",
        traps=(
            _t("traction", "Commuters check the crowding display in the app, from 5,000 to 25,000 views a day "
                           "by the end of 2026.",
               "Views of a display count use of it, not commuters spreading along the train."),
            _t("team", "We want to reduce crowding on peak trains by the end of 2026.",
               "The team wanting it is not anyone behaving differently."),
        )),
    Entry(
        id="tr03", sector="transport",
        deliverable="Open 20 secure cycle hubs at stations",
        model="Residents living near a station cycle there instead of driving, from 4% to 12% of station "
              "journeys by summer 2027, without bicycle thefts at stations rising.",
        why="Hubs are infrastructure; cycling to the station instead of driving is the behaviour, and theft "
            "is what would stop people trying.",
        traps=(
            _t("output", "Open 20 secure cycle hubs with 2,000 spaces by summer 2027.",
               "Opening hubs with a capacity is an output."),
            _t("vanity", "Grow the cycle hub app's total sign-ups from 500 to 15,000 by summer 2027.",
               "Total sign-ups keep growing whatever residents ride."),
        )),
    Entry(
        id="tr04", sector="transport",
        deliverable="Publish a new accessible journey planner",
        model="Wheelchair users complete a journey with a change of train without requesting staff help in "
              "advance, from 10% to 30% of their journeys by December 2027, while failed assistance reports "
              "stay below 2%.",
        why="Accessible planning matters if disabled passengers travel more independently; the guardrail "
            "protects those who still need help.",
        traps=(
            _t("traction", "Wheelchair users use the journey planner, from 800 to 4,000 sessions a month by "
                           "December 2027.",
               "Using the planner is traction: sessions say nothing about journeys made."),
            _t("no_baseline", "Wheelchair users complete a journey with a change without pre-booked help, "
                              "reaching 30% of their journeys by December 2027.",
               "A target alone cannot show how much has to change."),
        )),
    # ---- Publishing -------------------------------------------------------------------------------
    Entry(
        id="pu01", sector="publishing",
        deliverable="Launch a daily news podcast",
        model="Digital subscribers read or listen on at least three days a week, from 28% to 40% of "
              "subscribers by the end of 2026, while subscription cancellations stay under 2% a month.",
        why="Habit is what keeps subscribers; frequent reading or listening predicts renewal, and "
            "cancellations are the business guardrail.",
        traps=(
            _t("vanity", "Reach 100,000 total downloads of the podcast by the end of 2026.",
               "Total downloads only accumulate; they do not show a habit."),
            _t("output", "Publish 250 podcast episodes by the end of 2026.",
               "Publishing episodes is the newsroom's output."),
        )),
    Entry(
        id="pu02", sector="publishing",
        deliverable="Create an author portal for royalty statements",
        model="Authors resolve royalty queries without emailing the rights team, from 20% to 60% of queries "
              "within a year, while statement errors stay below 1%.",
        why="A portal is only worth it if authors sort things out themselves; the error guardrail ensures "
            "they are not resolving problems the publisher caused.",
        traps=(
            _t("traction", "Authors log in to the portal, from 200 to 900 logins a month within a year.",
               "Logins count use of the portal, not queries resolved."),
            _t("attitude", "Authors feel better supported, with a support rating from 3.4 to 4.3 within a year.",
               "Feeling supported is an attitude, not what authors do."),
        )),
    Entry(
        id="pu03", sector="publishing",
        deliverable="Redesign the textbook companion website",
        model="Lecturers who adopt the textbook assign its online quizzes in at least four weeks of term, "
              "from 12% to 35% of adopting courses by September 2027, while textbook returns stay under 5%.",
        why="Companion material matters when lecturers build it into teaching; that is what makes them "
            "adopt again next year.",
        traps=(
            _t("traction", "Lecturers visit the companion website, from 1,000 to 3,000 visits a term by "
                           "September 2027.",
               "Visits count traffic, not teaching with the material."),
            _t("team", "Our team will increase use of the quizzes by September 2027.",
               "'Our team' is the actor: name the lecturers."),
        )),
    # ---- Retail -----------------------------------------------------------------------------------
    Entry(
        id="re01", sector="retail",
        deliverable="Roll out self-checkout tills in 40 stores",
        model="Shoppers with a basket of ten items or fewer pay at a self-checkout, from 20% to 55% of small "
              "baskets by the end of 2026, while shrinkage stays below 1.5% of sales.",
        why="Tills in place are an output; small-basket shoppers choosing them is the behaviour that frees "
            "staff, and shrinkage is the known risk.",
        traps=(
            _t("output", "Roll out 320 self-checkout tills in 40 stores by the end of 2026.",
               "Rolling out tills is the retailer's delivery."),
            _t("attitude", "Shoppers are happier at the checkout, with satisfaction from 7.0 to 8.0 by the end "
                           "of 2026.",
               "Happiness is an attitude, not how shoppers pay."),
        )),
    Entry(
        id="re02", sector="retail",
        deliverable="Launch a click-and-collect service",
        model="Online shoppers collect their order in store within two days, from 50% to 80% of "
              "click-and-collect orders by March 2027, while in-store queues at the collection desk stay under "
              "five minutes.",
        why="Collection within two days frees stockroom space and brings shoppers into the store; the queue "
            "guardrail keeps the experience usable.",
        traps=(
            _t("vanity", "Grow the retailer's Instagram followers from 40,000 to 90,000 by March 2027.",
               "Social followers are a total that says nothing about collecting orders."),
            _t("no_baseline", "Online shoppers collect their order in store within two days for 80% of orders by "
                              "March 2027.",
               "Without a starting figure nobody can tell whether this is a change."),
        )),
)


def sectors() -> tuple[str, ...]:
    """The sectors in the bank, in order of first appearance."""
    return tuple(dict.fromkeys(entry.sector for entry in ENTRIES))


def entries(sector: str | None = None) -> tuple[Entry, ...]:
    """Every entry, or those of one ``sector`` (a clear error names the sectors when it is not one)."""
    if sector is None or sector == "":
        return ENTRIES
    found = tuple(entry for entry in ENTRIES if entry.sector == sector)
    if not found:
        raise WorkshopError(f"{sector!r} is not a sector of the practice bank. Choose one of: "
                            f"{', '.join(sectors())}.")
    return found


def entry(entry_id: str) -> Entry:
    """The entry with id ``entry_id`` (like ``"ph01"``)."""
    for item in ENTRIES:
        if item.id == entry_id:
            return item
    raise WorkshopError(f"{entry_id!r} is not an entry of the practice bank; ids look like 'ph01'.")


__all__ = ["ENTRIES", "TRAP_KINDS", "Entry", "Trap", "entries", "entry", "sectors"]
