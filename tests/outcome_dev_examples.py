"""Development set for ``workshop_utils.outcomes``: the examples the rules were tuned on.

Written from the rubric alone, across industries the course does not use, before the held-out
set in ``tests/eval/`` was opened. After the one blind run, the labels of a few *output* rows
were aligned with the labelling conventions in ``tests/eval/README.md`` (for an output, the
quantity it delivers counts as its target; "with zero downtime" is a guardrail); no held-out
row was copied here. ``KIND_EXAMPLES`` pairs a short statement with its kind;
``CRITERIA_EXAMPLES`` pairs a fuller statement with the seven criteria and ``well_formed``.
"""

from __future__ import annotations

OUTPUT, OUTCOME, UNCLEAR = "output", "outcome", "unclear"

KIND_EXAMPLES: list[tuple[str, str]] = [
    # --- outputs: what a team makes or does, numbers and dates notwithstanding ---
    ("Launch the new mobile banking app by Q3 2026", OUTPUT),  # banking
    ("Migrate 40 stores to the new point-of-sale system with 99.9% uptime by March", OUTPUT),  # retail
    ("Train 600 nurses on the electronic patient record", OUTPUT),  # healthcare
    ("Roll out smart meters to 200,000 homes by the end of 2027", OUTPUT),  # energy
    ("Implement a new CRM for the sales team", OUTPUT),  # B2B
    ("Deliver the student enrolment portal on time and on budget", OUTPUT),  # university
    ("Hold 12 webinars for small businesses this year", OUTPUT),  # public services
    ("Build a portal for customers to view invoices", OUTPUT),  # B2B software
    ("Rollout of e-prescriptions to all GP practices by June", OUTPUT),  # healthcare
    ("Implementation of a route optimisation tool in every depot", OUTPUT),  # logistics
    ("The new claims system will be delivered in Q2", OUTPUT),  # insurance
    ("We will publish an updated guide to housing benefit", OUTPUT),  # public services
    ("Replace the legacy policy administration system within 18 months", OUTPUT),  # insurance
    ("Install 500 electric vehicle chargers across the city", OUTPUT),  # energy
    ("Redesign the checkout page", OUTPUT),  # e-commerce
    ("Send a monthly newsletter to all 80,000 members", OUTPUT),  # membership
    ("Hire 25 additional call centre agents before winter", OUTPUT),  # utilities
    ("Upgrade the warehouse management system to version 12", OUTPUT),  # logistics
    ("Open three new branches in the north-west", OUTPUT),  # banking
    ("Complete the ERP migration within budget by December", OUTPUT),  # manufacturing
    ("Go live with the online booking system in May", OUTPUT),  # leisure
    ("Digitise 10,000 paper patient records", OUTPUT),  # healthcare
    ("Add Apple Pay and Google Pay to the checkout", OUTPUT),  # retail
    ("Translate the tax return guidance into six languages", OUTPUT),  # public services
    ("Set up a data warehouse for the finance team", OUTPUT),  # internal IT
    ("Automate the issuing of parking permits", OUTPUT),  # local government
    ("Create a chatbot to answer questions about exam timetables", OUTPUT),  # university
    ("Our team will ship 14 new features in the app this quarter", OUTPUT),  # SaaS
    ("A new self-service kiosk in every branch by Q4", OUTPUT),  # banking
    ("Pilot drone deliveries in two rural regions", OUTPUT),  # logistics
    ("Run 30 financial literacy workshops in secondary schools", OUTPUT),  # banking outreach
    ("The supplier portal goes live in all regions by September", OUTPUT),  # manufacturing
    ("Deploy the fraud detection model to production with 95% precision", OUTPUT),  # banking
    ("Refurbish 12 hospital wards by 2027 at a cost of £4m", OUTPUT),  # healthcare
    ("Introduce a loyalty scheme for frequent flyers", OUTPUT),  # airline
    ("Achieve 99.95% platform availability this year", OUTPUT),  # SaaS: a property of the system
    ("Improve the page load time of the online store to under 2 seconds", OUTPUT),  # retail
    ("Write API documentation for all partner endpoints", OUTPUT),  # B2B software
    ("Equip every ambulance with tablets by April", OUTPUT),  # ambulance service
    ("Offer online appointments at all 40 clinics", OUTPUT),  # healthcare
    ("Let policyholders upload photos of damage in the app", OUTPUT),  # insurance: a capability
    ("Customers can track their parcels in real time from June", OUTPUT),  # logistics: a capability
    ("Enable single sign-on for all university staff", OUTPUT),  # university
    ("Recruit and onboard 50 new delivery drivers by the summer", OUTPUT),  # logistics
    ("Rebuild the council website on a new content platform", OUTPUT),  # local government
    ("IT will decommission the old mainframe by 2028", OUTPUT),  # banking
    ("Our goal is to release version 3 of the telematics platform in spring", OUTPUT),  # insurance
    ("Sensors fitted to 2,000 bins across the borough", OUTPUT),  # waste management
    # --- outcomes: a change in what people other than the team do ---
    ("Increase the share of claims filed online from 20% to 45%", OUTCOME),  # insurance
    ("Reduce call volume by 20%", OUTCOME),  # telecoms
    ("More customers pay their bills by direct debit", OUTCOME),  # utilities
    ("Fewer patients miss their outpatient appointments", OUTCOME),  # healthcare
    ("Drivers complete 95% of deliveries on the first attempt", OUTCOME),  # logistics
    ("Students submit coursework through the online portal rather than on paper", OUTCOME),  # university
    ("Small businesses reorder stock without calling their sales rep", OUTCOME),  # wholesale
    ("Repeat purchase rate rises from 18% to 25% by the end of the year", OUTCOME),  # retail
    ("Complaints about billing fall by a third", OUTCOME),  # energy
    ("Adoption of e-invoicing grows among our suppliers", OUTCOME),  # manufacturing
    ("Citizens renew their passports online instead of by post", OUTCOME),  # public services
    ("Halve the number of customers who abandon the quote form", OUTCOME),  # insurance
    ("Get 30% of members to book classes in the app by Q2", OUTCOME),  # fitness
    ("Nurses spend less time on paperwork each shift", OUTCOME),  # healthcare
    ("Store managers open the weekly sales dashboard every Monday", OUTCOME),  # retail
    ("Increase monthly active users of the budgeting tool from 12,000 to 20,000", OUTCOME),  # banking
    ("Tenants report repairs online rather than by phone", OUTCOME),  # housing
    ("Reduce no-shows at vaccination clinics from 15% to 8% within six months", OUTCOME),  # healthcare
    ("Farmers use the soil-moisture data to plan irrigation", OUTCOME),  # agriculture
    ("Cut the churn of small-business accounts to below 2% a month", OUTCOME),  # B2B SaaS
    ("Customers who buy a boiler also take out a service plan", OUTCOME),  # energy
    ("Boost the number of graduates who find work within six months", OUTCOME),  # university
    ("Sales reps log every client meeting in the CRM", OUTCOME),  # B2B
    ("Passengers buy tickets on the app before boarding", OUTCOME),  # transport
    ("Grow the share of households that switch to a smart tariff", OUTCOME),  # energy
    ("Users of the payroll module run payroll without contacting support", OUTCOME),  # B2B software
    ("Shoppers collect click-and-collect orders within two days", OUTCOME),  # retail
    ("Help small businesses file VAT returns on time", OUTCOME),  # tax authority
    ("Encourage older customers to use online banking", OUTCOME),  # banking
    ("Policyholders renew without a reminder call", OUTCOME),  # insurance
    ("Increase checkout conversion from 2.1% to 2.8% by Q4", OUTCOME),  # e-commerce
    ("Warehouse pickers scan every item at the shelf", OUTCOME),  # logistics
    ("Patients with diabetes book their annual check-up online", OUTCOME),  # healthcare
    ("Lower the rate of hospital readmissions within 30 days of discharge", OUTCOME),  # healthcare
    ("Borrowers make their repayments on time", OUTCOME),  # banking
    ("Donors give monthly instead of once a year", OUTCOME),  # charity
    ("Teachers reuse shared lesson plans from the library", OUTCOME),  # schools
    ("Employees book their own business travel through the portal", OUTCOME),  # internal services
    ("Raise the share of invoices paid within 30 days to 90%", OUTCOME),  # B2B
    ("Members redeem a reward at least once a quarter", OUTCOME),  # loyalty
    ("Visitors to the museum website buy tickets online before they arrive", OUTCOME),  # culture
    ("Improve the retention of first-year students from 82% to 88%", OUTCOME),  # university
    ("Residents recycle more of their household waste", OUTCOME),  # local government
    ("Hauliers book loading slots in advance instead of turning up unannounced", OUTCOME),  # ports
    ("The proportion of job seekers who apply online doubles by 2027", OUTCOME),  # public services
    ("Increase revenue per customer by 10% this year", OUTCOME),  # retail: a business result
    ("Agents resolve 80% of queries on the first contact", OUTCOME),  # telecoms
    ("Fewer claimants need to phone us to check on their claim", OUTCOME),  # public services
    ("Pharmacists flag drug interactions using the new alert", OUTCOME),  # healthcare
    ("We want more subscribers to choose the annual plan", OUTCOME),  # media
    ("Open rates of the weekly newsletter rise from 18% to 30%", UNCLEAR),  # media: opens, and no one named
    ("Keep monthly churn of broadband customers below 1.5%", OUTCOME),  # telecoms
    # --- unclear: cannot be judged ---
    ("", UNCLEAR),
    ("   \n\t ", UNCLEAR),
    ("🚀🚀🚀", UNCLEAR),
    ("12345 %%% 678", UNCLEAR),
    ("提高客户在线续保的比例", UNCLEAR),
    ("Увеличить долю онлайн-заявок до 45% к концу года", UNCLEAR),
    ("Lancer la nouvelle application mobile pour nos clients avant la fin de l'année", UNCLEAR),
    ("Die Kunden bestellen häufiger online und rufen seltener an", UNCLEAR),
]

_ALL = ("who", "behaviour", "measure", "baseline", "target", "timeframe", "guardrail")


def _c(*ticked: str) -> dict[str, bool]:
    """Expected criteria: the names given are True, the rest False; ``well_formed`` follows the rubric."""
    unknown = set(ticked) - set(_ALL) - {"output"}
    assert not unknown, unknown
    crit = {name: name in ticked for name in _ALL}
    crit["well_formed"] = "output" not in ticked and all(crit[n] for n in _ALL[:6])
    return crit


SIX = ("who", "behaviour", "measure", "baseline", "target", "timeframe")
ALL = SIX + ("guardrail",)

CRITERIA_EXAMPLES: list[tuple[str, dict[str, bool]]] = [
    ("Increase the share of home-insurance claims that customers file online from 20% to 45% by the end of 2026, "
     "while keeping complaint rates below 2%.", _c(*ALL)),
    ("By Q4 2026, 60% of small-business customers submit invoices through the portal, up from 25% today, "
     "without raising support tickets above 0.3 per customer a month.", _c(*ALL)),
    ("Reduce missed outpatient appointments from 12% to 7% within nine months.",
     _c("behaviour", "measure", "baseline", "target", "timeframe")),
    ("Patients miss fewer appointments.", _c("who", "behaviour")),
    ("Launch the new mobile app by June.", _c("output", "timeframe")),
    ("Migrate 40 stores to the new till system with 99.9% uptime by March.",
     _c("output", "measure", "target", "timeframe")),
    ("Drivers complete 95% of deliveries on the first attempt, up from 86%, by the end of Q3.", _c(*SIX)),
    ("Grow the number of tenants who report repairs online from 1,200 to 3,000 a month by March 2027, "
     "as long as the average repair time does not rise.", _c(*ALL)),
    ("Students submit more assignments on time this year.", _c("who", "behaviour", "timeframe")),
    ("Increase the percentage of members who redeem a reward each quarter to 20%.",
     _c("who", "behaviour", "measure", "target")),
    ("Raise the share of suppliers who update their stock levels weekly from 15% to 60% by December, "
     "while order errors stay below 1%.", _c(*ALL)),
    ("We will train 600 store staff by May.", _c("output", "measure", "target", "timeframe")),
    ("Complaints about late trains fall from 4,000 to 2,500 a month within a year.",
     _c("behaviour", "measure", "baseline", "target", "timeframe")),
    ("More households switch to a time-of-use tariff by next winter.", _c("who", "behaviour", "timeframe")),
    ("Small businesses pay their tax on time.", _c("who", "behaviour")),
    ("Increase repeat purchases.", _c("behaviour")),
    # traction: active users of an app count use, not behaviour (the rubric scores it 0)
    ("Monthly active users of the banking app grow from 1.1 million to 1.5 million in 2027.",
     _c("who", "baseline", "target", "timeframe")),
    ("Reduce call volume by 20% by the end of Q2 while customer satisfaction stays above 80%.",
     _c("behaviour", "measure", "target", "timeframe", "guardrail")),
    ("Halve the share of patients readmitted within 30 days of discharge by 2027, from 14% today.", _c(*SIX)),
    ("Customers currently rate us 7.2 out of 10; we want more of them to recommend us.",
     _c("who", "behaviour", "measure", "baseline")),
    ("By the start of the 2026 academic year, 70% of first-year students log in to the learning platform at least "
     "three times a week, compared with 45% this year.", _c("who", "baseline", "target", "timeframe")),
    ("Install pickup lockers in 40 stores.", _c("output", "measure", "target")),
    ("Increase the share of online orders that shoppers collect within two days from 61% to 85% by Q3 "
     "without adding staff hours.", _c(*ALL)),
    ("Grow online repair bookings.", _c("behaviour")),
    ("Reduce contacts about returns from 38 to 20 per 1,000 orders within 12 months.",
     _c("behaviour", "measure", "baseline", "target", "timeframe")),
    ("Deliver the supplier self-service portal by September on budget.", _c("output", "timeframe")),
    ("Citizens apply for parking permits online.", _c("who", "behaviour")),
    ("Lift the share of policyholders who renew online to at least 50% this year, provided cancellations do not "
     "rise.", _c("who", "behaviour", "measure", "target", "timeframe", "guardrail")),
    ("Warehouse staff pick 120 lines an hour, up from 95, by the end of March, with no increase in picking errors.",
     _c(*ALL)),
    ("Open rates of the weekly newsletter rise from 18% to 30% by June.",  # opens: traction
     _c("baseline", "target", "timeframe")),
    ("Increase the number of visitors who buy a ticket online before arriving from 35% to 55% in 2026, "
     "while keeping queue times under ten minutes.", _c(*ALL)),
    ("Get more farmers to use the irrigation advice.", _c("who", "behaviour")),
    ("Fewer than 5% of borrowers miss a repayment by the end of 2026, down from 8%.", _c(*SIX)),
    ("Roll out the new rostering tool to 30 hospitals and train 2,000 nurses by Q1.",
     _c("output", "measure", "target", "timeframe")),
    ("Increase the share of invoices that clients pay within 30 days from 64% to 85% over the next two quarters "
     "without tightening credit limits.", _c(*ALL)),
    ("Within 12 months, 40% of pension savers log in to check their balance at least once a year, up from 22%, "
     "so long as calls to the helpline do not increase.",  # logging in: traction
     _c("who", "baseline", "target", "timeframe", "guardrail")),
    ("Boost weekly logins by learners on the maths app from 3,000 to 5,000 by the summer term.",  # logins: traction
     _c("who", "baseline", "target", "timeframe")),
    ("Job centre advisers refer 30% more clients to training.", _c("who", "behaviour", "measure", "target")),
]

# Second round, written after the first rules worked: harder wording, same rubric.
KIND_EXAMPLES += [
    ("Stand up a 24/7 support desk for enterprise clients", OUTPUT),
    ("Configure automated renewal reminders in the policy system", OUTPUT),
    ("Move all payroll processing to the cloud by April 2026", OUTPUT),
    ("Provide free Wi-Fi on every bus", OUTPUT),
    ("Consolidate five regional call centres into two", OUTPUT),
    ("Publish open data on bus punctuality every month", OUTPUT),
    ("Introduce contactless payment on all trams by next summer", OUTPUT),
    ("The new learning management system is in place for the autumn term", OUTPUT),
    ("New patient app available in both app stores by March", OUTPUT),
    ("Ten new electric buses in service by 2027", OUTPUT),
    ("Deploying a new fraud engine across all card products", OUTPUT),
    ("Delivery of 3 new warehouse robots on budget", OUTPUT),
    ("Our IT partner will replace 4,000 laptops this year", OUTPUT),
    ("Run a marketing campaign for the savings account", OUTPUT),
    ("Create online tutorials for the tax self-assessment form", OUTPUT),
    ("Set up a customer advisory board with 12 members", OUTPUT),
    ("Launch a referral programme that rewards members £20", OUTPUT),
    ("Onboard 200 merchants to the new payments platform", OUTPUT),
    ("Achieve ISO 27001 certification before the audit", OUTPUT),
    ("Reduce the infrastructure bill by moving to reserved instances", OUTPUT),
    ("Ship the dark mode feature requested by users", OUTPUT),
    ("Write a new returns policy for online orders", OUTPUT),
    ("Install solar panels on 150 school roofs by 2028", OUTPUT),
    ("Extend opening hours at the 20 busiest libraries", OUTPUT),
    ("Redesign the claims form so that policyholders can submit it in five minutes", OUTPUT),
    ("Develop an AI triage tool for the emergency department", OUTPUT),
    ("Sign contracts with three new freight carriers", OUTPUT),
    ("Complete the pilot of remote meter reading in Leeds", OUTPUT),
    ("Integrate the booking engine with 30 partner hotels", OUTPUT),
    ("Upgrade 12,000 streetlights to LED within two years", OUTPUT),
    ("Claimants submit their evidence online within 14 days", OUTCOME),
    ("Suppliers confirm purchase orders within 24 hours", OUTCOME),
    ("Increase the proportion of prescriptions ordered through the app to 40%", OUTCOME),
    ("Reduce the number of abandoned baskets on mobile", OUTCOME),
    ("Grow average basket size of online grocery customers by £5", OUTCOME),
    ("Lower the share of students who drop out in their first year", OUTCOME),
    ("Customers switch off notifications less often", OUTCOME),
    ("Depot managers act on the fuel report every week", OUTCOME),
    ("Retain 90% of annual subscribers at renewal", OUTCOME),
    ("Win back 15% of lapsed donors within a year", OUTCOME),
    ("Get more commuters to travel outside the morning peak", OUTCOME),
    ("60% of new hires complete onboarding without help from IT", OUTCOME),
    ("One in three shoppers uses self-checkout", OUTCOME),
    ("Patients referred by GPs attend their first physiotherapy session", OUTCOME),
    ("Fewer drivers speed in school zones", OUTCOME),
    ("Investors rebalance their portfolios through the app instead of calling an adviser", OUTCOME),
    ("Reduce missed bin collections reported by residents", OUTCOME),
    ("Increase the share of parcels that recipients collect from lockers", OUTCOME),
    ("Policyholders who make a claim stay with us at renewal", OUTCOME),
    ("Cut the time customers spend on hold to under 3 minutes", OUTCOME),
    ("Late payments by tenants fall below 4%", OUTCOME),
    ("Users invite a colleague in their first week", OUTCOME),
    ("The share of deliveries rescheduled by customers online grows to 70%", OUTCOME),
    ("More small firms export to the EU for the first time", OUTCOME),
    ("Double the number of B2B customers who pay by card", OUTCOME),
    ("Reduce repeat calls about the same fault from 30% to 15%", OUTCOME),
    ("Increase the number of voters registering online", OUTCOME),
    ("Encourage hospital staff to cycle to work", OUTCOME),
    ("Raise customer satisfaction with the claims process from 6.8 to 8", OUTCOME),
    ("Store colleagues use the handheld scanner to check stock instead of walking to the back room", OUTCOME),
    ("KR2: Launch the partner API to 10 pilot customers", OUTPUT),
    ("- migrate the HR system to Workday", OUTPUT),
    ("Ensure all branches have a defibrillator by June", OUTPUT),
    ("Make sure every new starter gets a laptop on day one", OUTPUT),
    ("LAUNCH THE NEW LOYALTY APP BY Q3", OUTPUT),
    ("By the end of 2026 we will have rolled out e-bikes in five cities", OUTPUT),
    ("In Q2, introduce a subscription tier for power users", OUTPUT),
    ("Deliver a new onboarding flow so that more trial users convert to paid plans", OUTPUT),
    ("Build an online calculator in order to help customers compare tariffs", OUTPUT),
    ("Hold 20 drop-in sessions to help residents apply for the grant", OUTPUT),
    ("Re-platform the e-commerce site onto Shopify Plus", OUTPUT),
    ("Provision 300 virtual desktops for contractors", OUTPUT),
    ("A mobile app for farmers to log crop yields", OUTPUT),
    ("E-signature capability for all loan agreements", OUTPUT),
    ("Two new cardiology clinics opened in the region", OUTPUT),
    ("Standardise the handover checklist across all wards", OUTPUT),
    ("Get the new fleet tracking system live in every depot", OUTPUT),
    ("Train all 1,200 branch staff on the new lending rules with a 90% pass rate", OUTPUT),
    ("Reduce server response time to under 200 ms", OUTPUT),
    ("Ensure that more customers renew their policy online", OUTCOME),
    ("increase online renewals by 15 percentage points", OUTCOME),
    ("By 2027, most SMEs in our portfolio reconcile their accounts weekly", OUTCOME),
    ("Customers choose paperless statements", OUTCOME),
    ("A 25% drop in missed GP appointments", OUTCOME),
    ("Higher attendance at antenatal classes among first-time mothers", OUTCOME),
    ("Fewer repeat visits to A&E by frequent attenders", OUTCOME),
    ("Members referring a friend double year on year", OUTCOME),
    ("Increased use of the mobile app by field engineers", OUTCOME),
    ("Reduction in the number of customers calling to chase refunds", OUTCOME),
    ("Growth in the share of freight booked through the portal", OUTCOME),
    ("Academics deposit their papers in the open-access repository", OUTCOME),
    ("Grow revenue from existing accounts by 12%", UNCLEAR),  # a result: no one named doing anything
    ("Drive more repeat bookings from business travellers", OUTCOME),
    ("Shorten the time it takes new sellers to list their first product", OUTCOME),
    ("Improve the percentage of invoices approved by managers within 5 days", OUTCOME),
    ("Make patients feel confident managing their condition at home", OUTCOME),
    ("Stop customers leaving during the first 90 days", OUTCOME),
    ("Lift cross-sell of home insurance to motor customers", OUTCOME),
    ("Employees complete mandatory training on time", OUTCOME),
    ("Deliver the project on time and on budget", OUTPUT),
    ("Complete 100% of the planned features by release 4", OUTPUT),
    ("Increase unit test coverage to 80%", OUTPUT),
    ("Reduce the backlog of open change requests by 30%", OUTPUT),
    ("Cut deployment time from two days to two hours", OUTPUT),
    ("Answer 90% of calls within 30 seconds", OUTPUT),
    ("Process all grant applications within 10 working days", OUTPUT),
    ("Paperless billing rolled out to all business accounts", OUTPUT),
    ("Smart thermostats fitted in 5,000 council homes by 2026", OUTPUT),
    ("All 300 buses equipped with contactless readers", OUTPUT),
    ("Two-factor authentication for online banking customers", OUTPUT),
    ("Automated reminders for overdue library books", OUTPUT),
    ("Running 8 roadshows for farmers across the county", OUTPUT),
    ("Organise quarterly user-group meetings for our top 50 clients", OUTPUT),
    ("Buy 40 new ambulances", OUTPUT),
    ("Modernise the student records system", OUTPUT),
    ("Replace paper timesheets with a mobile app for care workers", OUTPUT),
    ("Expand the click-and-collect network to 200 post offices", OUTPUT),
    ("Publish a customer charter on the website", OUTPUT),
    ("Support 500 small businesses with free digital skills training", OUTPUT),
    ("Offer a 10% discount to customers who pay annually", OUTPUT),
    ("Put a chatbot on the council tax pages", OUTPUT),
    ("Provide every patient with access to their records online by 2027", OUTPUT),
    ("Set up an energy advice hotline for vulnerable households", OUTPUT),
    ("Ship version 2.0 of the mobile SDK to partners", OUTPUT),
    ("Customers adopt the new tariff within their first month", OUTCOME),
    ("Universities renew their licences for a third year", OUTCOME),
    ("Learners come back to the app at least three days a week", OUTCOME),
    ("More shoppers add a second item to their basket", OUTCOME),
    ("Fewer first-year students drop out before Christmas", OUTCOME),
    ("Patients take their medication as prescribed", OUTCOME),
    ("Partners resell our product in at least 10 new countries", OUTCOME),
    ("Passengers with reduced mobility book assistance in advance", OUTCOME),
    ("Gym members attend at least eight classes a month", OUTCOME),
    ("Increase the share of sales from repeat customers to 40%", OUTCOME),
    ("Reduce the number of taxpayers who file late by a quarter", OUTCOME),
    ("Cut the proportion of orders returned because of wrong sizing", OUTCOME),
    ("Increase weekly usage of the analytics dashboard by account managers", OUTCOME),
    ("Halve the time new clinicians take to become fully independent on the system", OUTCOME),
    ("Grow the number of businesses trading online through our marketplace to 12,000", OUTCOME),
    ("Decrease the share of energy customers in debt by 20%", OUTCOME),
    ("Reduce the number of drivers who leave in their first six months", OUTCOME),
    ("Homeowners get a quote online instead of waiting for a surveyor", OUTCOME),
    ("Clinicians stop printing discharge letters", OUTCOME),
    ("Boost the share of subscribers on annual plans from 22% to 35%", OUTCOME),
    ("Improve on-time rent payments among new tenants", OUTCOME),
    ("Lower the number of contacts per order from 0.4 to 0.25", OUTCOME),
    ("Increase the number of freight customers self-serving their customs paperwork", OUTCOME),
    ("Raise NPS among small-business clients from 21 to 35", OUTCOME),
    ("Citizens report potholes through the app rather than calling the council", OUTCOME),
]

CRITERIA_EXAMPLES += [
    ("Currently 18% of tenants pay rent by direct debit; by April 2027 we want 40% of tenants to do so, "
     "without an increase in arrears.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe", "guardrail")),
    ("Raise the proportion of learners who finish the course from one in four to one in two by the end of "
     "the academic year.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Our aim is that 75% of shippers book collections online by Q3 2026 (today: 52%), while keeping "
     "booking errors under 1%.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe", "guardrail")),
    ("Reduce the average number of calls per claim from 3.4 to 2 by December 2026.",
     _c("behaviour", "measure", "baseline", "target", "timeframe")),
    ("Small retailers reorder through the app at least twice a month.",
     _c("who", "behaviour", "measure")),
    ("Get 5,000 more households to insulate their lofts in 2026, compared with 3,100 in 2025.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Cut the share of patients who wait more than 18 weeks for surgery.",
     _c("who", "behaviour", "measure")),
    ("Drivers log their hours in the app.",
     _c("who", "behaviour")),
    ("Increase online applications to 80% by 2028.",
     _c("behaviour", "measure", "target", "timeframe")),
    ("Agents resolve 70% of chats without escalation within six months, up from 55%, provided "
     "satisfaction stays at or above 4.2 out of 5.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe", "guardrail")),
    ("By next summer, half of our B2B clients approve quotes in the portal instead of by email, from a tenth now.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Double the number of volunteers who sign up for a second shift this year while drop-out rates do not rise.",
     _c("who", "behaviour", "measure", "target", "timeframe", "guardrail")),
    ("Weekly active users among care workers grow from 2,300 to 4,000 within 9 months without more calls "
     "to the helpdesk.",  # active users: traction
     _c("who", "baseline", "target", "timeframe", "guardrail")),
    ("Borrowers repay early.",
     _c("who", "behaviour")),
    ("Deploy the new scheduling tool to all 14 depots by June 2026 with zero downtime.",
     _c("output", "measure", "target", "timeframe", "guardrail")),
    ("Reduce no-shows.",
     _c("behaviour")),
    ("Patients book follow-ups online, from 20% to 50% of follow-ups by March.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Lower the share of parcels returned to sender from 6% to 3% over the next year.",
     _c("behaviour", "measure", "baseline", "target", "timeframe")),
    ("Increase the number of first-time buyers who take a mortgage with us to 1,500 a quarter by 2027, as "
     "long as arrears stay below 1%.",
     _c("who", "behaviour", "measure", "target", "timeframe", "guardrail")),
    ("We will hold 10 community events.",
     _c("output", "measure", "target")),
    ("By FY27, 45% of policyholders renew through the app, from 30% (baseline FY25).",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Field engineers close 85% of jobs on the first visit by 31 March 2027, compared with 70% last year, "
     "with no drop in safety audit scores.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe", "guardrail")),
    ("Reduce average days to pay for SME clients from the current 48 days to no more than 30 days in the "
     "next 18 months.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Podcast listeners finish 60% of an episode on average, up from 41%, by spring 2027.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Increase the share of tenants paying online to half, from a quarter, during 2026, but not at the "
     "expense of arrears.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe", "guardrail")),
    ("Drivers listen to safety briefings while driving.",
     _c("who", "behaviour")),
    ("Customers top up their meters online without visiting a shop.",
     _c("who", "behaviour")),
    ("Grow the number of repeat donors by 3 points in H2 2026 while keeping cost per pound raised flat.",
     _c("who", "behaviour", "measure", "target", "timeframe", "guardrail")),
    ("Members book a class at least once a week.",
     _c("who", "behaviour", "measure")),
    ("Raise the proportion of GP referrals made electronically from 62% to 90% before the winter of 2026, "
     "making sure that referral rejections do not increase.",
     _c("behaviour", "measure", "baseline", "target", "timeframe", "guardrail")),
    ("Students use the library booking system more.",
     _c("who", "behaviour")),
    ("Reduce the time suppliers take to submit invoices.",
     _c("who", "behaviour", "measure")),
    ("Citizens complete their census return online: 75% by the census deadline in 2031, versus 68% in 2021.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Launch three new savings products by Q2 with a budget of £1.2m.",
     _c("output", "measure", "target", "timeframe")),
    ("Sales teams at our distributors quote using the online configurator for 70% of quotes by end of Q4, up from 20%.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Cut cancellations by new subscribers within the first 30 days from 18% to 10% this financial year.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Hospital pharmacists review 95% of new admissions' medicines within 24 hours, from 80% today, by next April.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
]

# Third round, written after the one blind run on the held-out set, as a fresh check of the changed rules.
KIND_EXAMPLES += [
    ("Refit the cold store at the Rotterdam depot", OUTPUT),
    ("Publish quarterly sustainability reports for investors", OUTPUT),
    ("Our agency will design 6 new TV adverts for the spring campaign", OUTPUT),
    ("Complete the rollout of e-rostering to 12 hospitals on budget", OUTPUT),
    ("Introduce same-day delivery in three new cities by 2027", OUTPUT),
    ("Five new self-service terminals installed at the airport", OUTPUT),
    ("Host a hackathon for 200 developers in October", OUTPUT),
    ("Write and send a welcome pack to every new policyholder", OUTPUT),
    ("The platform team will migrate 300 services to Kubernetes this year", OUTPUT),
    ("Replace the paper consent form with a digital one in all clinics", OUTPUT),
    ("Go live with instant payments for business accounts in Q2", OUTPUT),
    ("Recruit 40 new mentors for the apprenticeship scheme", OUTPUT),
    ("An upgraded booking engine with dynamic pricing", OUTPUT),
    ("Set up weekly office hours for partner developers", OUTPUT),
    ("Pilot autonomous forklifts in the Leeds warehouse", OUTPUT),
    ("Survey 2,000 customers about their energy bills", OUTPUT),
    ("Open a new flagship store on Oxford Street by Christmas", OUTPUT),
    ("Implementation of the new grading system across all departments", OUTPUT),
    ("Provide 24/7 online chat for members", OUTPUT),
    ("Finish the data centre move by March with zero data loss", OUTPUT),
    ("Farmers sell 30% of their harvest through the co-op platform by 2027", OUTCOME),
    ("Increase the share of viewers who watch a second episode within a day", OUTCOME),
    ("Patients who are prescribed statins keep taking them after six months", OUTCOME),
    ("New hires are submitting expenses through the app within their first week", OUTCOME),
    ("Reduce the number of tenants falling into rent arrears", OUTCOME),
    ("Subscribers who pause their plan come back within 60 days", OUTCOME),
    ("Lift the share of orders placed by repeat buyers to 45%", OUTCOME),
    ("Fewer students switch course after the first term", OUTCOME),
    ("Merchants accept contactless payments at the counter", OUTCOME),
    ("More SMEs apply for export credit online", OUTCOME),
    ("Grow net revenue retention above 110%", OUTCOME),
    ("Travellers change their own bookings online instead of calling the contact centre", OUTCOME),
    ("Cut food waste thrown away by households by 20%", OUTCOME),
    ("Employees nominate colleagues for recognition awards every month", OUTCOME),
    ("Double the proportion of researchers sharing their data openly", OUTCOME),
    ("Claims handlers settle simple claims on the same day", OUTCOME),
    ("Readers who sign up for the newsletter open it at least once a week", OUTCOME),
    ("Halve the share of bookings cancelled by guests less than 48 hours before arrival", OUTCOME),
    ("Developers on partner teams publish their connectors to our marketplace", OUTCOME),
    ("Increase attendance at free health checks among over-60s", OUTCOME),
]

CRITERIA_EXAMPLES += [
    ("Borrowers under 30 make their first overpayment within 6 months: 8% today, 20% by mid-2027.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("By the 2026/27 academic year, 55% of first-year students will book study rooms in the app, up from "
     "30%, while room no-shows stay below 10%.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe", "guardrail")),
    ("We will increase the share of invoices paid by card from 15% to 40% by Q4.",
     _c("behaviour", "measure", "baseline", "target", "timeframe")),
    ("Guests rate their stay more highly: from 4.1 to 4.5 stars by summer 2026.",
     _c("who", "measure", "baseline", "target", "timeframe")),
    ("Install 1,200 heat pumps in social housing by 2028, up from 300 this year, without raising rents.",
     _c("output", "measure", "baseline", "target", "timeframe", "guardrail")),
    ("Monthly active sellers on the marketplace grow from 4,000 to 6,500 within 12 months.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Members visit the gym more often.",
     _c("who", "behaviour")),
    ("Reduce the average time drivers wait at loading bays from 45 to 20 minutes by Q3 2026.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Support tickets per active account fall from 1.4 to 0.9 a month by December, with no drop in NPS.",
     _c("behaviour", "measure", "baseline", "target", "timeframe", "guardrail")),
    ("Shoppers using self-checkout: 35% of transactions now, 60% by next spring.",
     _c("who", "behaviour", "measure", "baseline", "target", "timeframe")),
    ("Run 40 webinars for landlords by June, from 12 last year.",
     _c("output", "measure", "baseline", "target", "timeframe")),
]

# Fourth round: the traps the rubric names ("What makes an item worth grading" in the content brief), from many
# sectors. Traction (clicks, opens, logins, sessions, conversations started, downloads, page views, active users
# of a tool, "uses the feature", switching a feature on) and attitudes (satisfaction, happier, trust, feeling,
# awareness, NPS alone) are not behaviour; the team or "we" is not a who; a segment named by its plan or stage
# ("Trial accounts") is; a timeframe may sit anywhere in the sentence.
TRACTION, ATTITUDE = "traction", "attitude"
TRAP_EXAMPLES: list[tuple[str, str]] = [
    ("Online customers start more conversations with the chatbot: from 2,000 to 6,000 a week by June 2026",
     TRACTION),  # retail
    ("Increase monthly active users of the analytics dashboard from 3,000 to 6,000 by June", TRACTION),  # B2B SaaS
    ("Patients open the hospital app at least twice a week, from 15% to 40% of registered patients by Q2 2027",
     TRACTION),  # health
    ("Account holders tap the savings round-up button more often, from 1,000 to 5,000 taps a day by March",
     TRACTION),  # banking
    ("Parents log in to the school portal weekly: from 30% to 70% of families by the summer term",
     TRACTION),  # education
    ("Passengers download the timetable app, from 20,000 to 80,000 downloads by the end of 2026",
     TRACTION),  # transport
    ("Page views of the energy-saving guide grow from 5,000 to 25,000 a month by winter", TRACTION),  # utilities
    ("Supporters click through from our appeal emails, click-through rate from 2% to 5% by December",
     TRACTION),  # charity
    ("Viewers use the new watch-list feature: from 10% to 35% of weekly viewers by Q3 2026", TRACTION),  # media
    ("Tenants switch on rent reminders in the app, from 12% to 50% of tenants by April 2027", TRACTION),  # housing
    ("Claimants visit the benefits calculator page: from 40,000 to 90,000 visits a month by 2027",
     TRACTION),  # public services
    ("Drivers engage with the fuel-saving tips in the fleet app: sessions from 2 to 5 a week by Q4",
     TRACTION),  # logistics
    ("Residents are happier with bin collections, measured by a satisfaction score from 3.1 to 4.0 by March 2027",
     ATTITUDE),  # local government
    ("Citizens are happier with the council's website, measured by a satisfaction score from 3.1 to 4.0 by "
     "March 2027", ATTITUDE),  # public services
    ("Customers trust our fraud alerts more: trust score from 55% to 75% by the end of 2026", ATTITUDE),  # banking
    ("Students feel more confident about maths: confidence from 40% to 65% by June 2027", ATTITUDE),  # education
    ("Patients are more satisfied with discharge: CSAT from 70% to 85% by Q1 2027", ATTITUDE),  # health
    ("Donors' NPS rises from 20 to 45 by the end of the year", ATTITUDE),  # charity
    ("Households are more aware of the priority services register: awareness from 25% to 60% by winter 2026",
     ATTITUDE),  # utilities
    ("Commuters rate the new timetable 4.5 stars or more, from 3.6, by September", ATTITUDE),  # transport
]
KIND_EXAMPLES += [
    ("We will increase online repair bookings", OUTCOME),  # housing: the team's aim, still a behaviour metric
    ("The bank will launch a savings round-up feature for 2 million customers by Q2", OUTPUT),  # banking
    ("Our team will double app downloads to 100,000 by June", UNCLEAR),  # media: traction, and the team as subject
    ("Trial accounts invite at least two colleagues within 7 days", OUTCOME),  # B2B SaaS: a segment acts
    ("Free-tier workspaces connect a second data source in their first month", OUTCOME),  # B2B SaaS
    ("Between now and December 2026, volunteers log their own shifts in the app", OUTCOME),  # charity
    ("Pupils read for pleasure at home most evenings", OUTCOME),  # education: no number
    ("Send 40,000 text reminders to patients before their appointments by May", OUTPUT),  # health
    ("Add 12 electric buses to the night routes by autumn 2026, keeping fares unchanged", OUTPUT),  # transport
    ("Customers pick a delivery slot themselves instead of waiting for a call", OUTCOME),  # retail
    ("Increase app downloads", UNCLEAR),  # traction, and no one named
    ("Grow revenue by 15% next year", UNCLEAR),  # a result: no one named doing anything
]
CRITERIA_EXAMPLES += [
    ("Online customers start more conversations with the chatbot: from 2,000 to 6,000 a week by June 2026.",
     _c("who", "baseline", "target", "timeframe")),
    ("Increase monthly active users of the analytics dashboard from 3,000 to 6,000 by June.",
     _c("who", "baseline", "target", "timeframe")),
    ("Citizens are happier with the council's website, measured by a satisfaction score from 3.1 to 4.0 by "
     "March 2027.", _c("who", "measure", "baseline", "target", "timeframe")),
    ("Trial accounts invite at least two colleagues within 7 days, from 18% to 35% of new trials by Q4 2026.",
     _c(*SIX)),
    ("Between now and December 2026, volunteers log their own shifts in the app, from 20% to 70% of shifts.",
     _c(*SIX)),
    ("We will increase online repair bookings.", _c("behaviour")),
    ("Patients open the hospital app at least twice a week, from 15% to 40% of registered patients by Q2 2027.",
     _c("who", "baseline", "target", "timeframe")),
    ("Parents log in to the school portal weekly: from 30% to 70% of families by the summer term.",
     _c("who", "baseline", "target", "timeframe")),
    ("Customers trust our fraud alerts more: trust score from 55% to 75% by the end of 2026.",
     _c("who", "measure", "baseline", "target", "timeframe")),
    ("Students feel more confident about maths: confidence from 40% to 65% by June 2027.",
     _c("who", "measure", "baseline", "target", "timeframe")),
    ("Tenants switch on rent reminders in the app, from 12% to 50% of tenants by April 2027.",
     _c("who", "baseline", "target", "timeframe")),
    ("Free-tier workspaces connect a second data source within their first month, from 22% to 40% by Q3 2026.",
     _c(*SIX)),
    ("From now until the end of the 2026/27 season, season-ticket holders resell unused seats through the club, "
     "from 5% to 20% of empty seats.", _c(*SIX)),  # sport
    ("Small firms file their VAT return before the deadline, from 71% to 85% by April 2027, while calls to the "
     "helpline stay below 3,000 a week.", _c(*ALL)),  # public services
    ("Learners finish the first module of the course within a month, from 35% to 60% of enrolments by the "
     "autumn term.", _c(*SIX)),  # education
    ("Customers with a smart meter move washing to off-peak hours: from 18% to 30% of their usage by winter "
     "2026.", _c(*SIX)),  # utilities
    ("Our sales team sells 40% more annual plans by Q4, from 500 to 700 a quarter.",
     _c("measure", "baseline", "target", "timeframe")),  # B2B SaaS: the team's own selling
    ("Readers subscribe after their free trial, from 8% to 14% of trials by March 2027, without a rise in "
     "cancellations in the first month.", _c(*ALL)),  # media
]

# Passive voice with people as the agent, clauses of their own after the behaviour, time phrases with
# "within", signed scores and attitude quotes (from a spot check of the assessor against the rubric).
SPOT_CHECKS: list[tuple[str, dict[str, bool]]] = [
    ("By the end of 2027, parcel returns are booked online by 70% of shoppers, up from 35%.",
     _c(*SIX)),  # retail: passive, the agent acts
    ("Leaflets are delivered by volunteers to 5,000 homes by May 2027.",
     _c("output", "measure", "target", "timeframe")),  # a delivery in the passive stays an output
    ("By June 2027, 45% of tenants pay their rent before the reminder is sent, up from 20%.",
     _c(*SIX)),  # housing: the passive is in a clause of its own
    ("Within the 2027/28 financial year, 30% of farmers sell surplus grain through the co-operative, up from 12%.",
     _c(*SIX)),  # agriculture: a leading "within"
    ("Raise the hotel's guest NPS from +8 to +25 by December 2027.",
     _c("who", "measure", "baseline", "target", "timeframe")),  # an attitude with signed scores
    ("Repeat donors give again within 12 months, from 30% to 45% by March 2028.",
     _c(*SIX)),  # charity
]

# From a second spot check against the rubric: passives whose verb is also a delivery verb, a time phrase's
# comma before a "without", rates and "per cent", clicks and switches as traction, totals of registrations.
SPOT_CHECKS += [
    ("Planning applications are submitted online by 80% of solicitors by Q3 2027, up from 55%.", _c(*SIX)),
    ("From May 2027, riders finish 90% of journeys without a transfer, currently 78%.", _c(*SIX)),
    ("Over FY2027/28, members renew their allotment at a rate of 90%, up from 81%.", _c(*SIX)),
    ("Buyers pay invoices within 30 days in 70 per cent of cases by spring 2028, up from forty per cent.",
     _c(*SIX)),
    ("Sellers click 'Promote listing' on 40% of listings by June 2027, up from 15%.",
     _c("who", "baseline", "target", "timeframe")),  # traction
    ("Drivers switch on eco-mode alerts, from 20% to 50% of vans by the end of 2027.",
     _c("who", "baseline", "target", "timeframe")),  # traction
    ("The number of local artists registered on the platform reaches 4,000 by 2028, up from 2,500.",
     _c("who", "baseline", "target", "timeframe")),  # a running total
    ("Satisfaction among season-pass holders improves from 70% to 85% by Q4 2027.",
     _c("who", "measure", "baseline", "target", "timeframe")),  # an attitude
    ("Paying subscribers in rural areas upgrade to the family plan, from 6% to 12% by March 2028.", _c(*SIX)),
    ("Cancelled orders fall from 9% to 5% of orders by June 2027, while complaints stay below 1%.",
     _c("behaviour", "measure", "baseline", "target", "timeframe", "guardrail")),
]
CRITERIA_EXAMPLES += SPOT_CHECKS
# "Click & collect" is a way to shop, not a click.
SPOT_CHECKS += [
    ("Shoppers near a store choose click & collect, from 10% to 25% of orders by November 2027.", _c(*SIX)),
]
CRITERIA_EXAMPLES += SPOT_CHECKS[-1:]

# From the self-learner trial in the browser: a ratio as the subject, people counted as a moving total, time
# spent in an app, star reviews given, looking at a dashboard, and switching a feature on as the team's act.
SPOT_CHECKS += [
    ("Two in five drivers renews their parking permit online by June 2027, up from one in five.", _c(*SIX)),
    ("Podcast listeners grow from 8,000 to 30,000 by December 2027.",
     _c("who", "baseline", "target", "timeframe")),  # a running total
    ("Learners spend more time on the course platform, from 20 to 30 minutes a session by June 2027.",
     _c("who", "baseline", "target", "timeframe")),  # traction
    ("Diners give the restaurant 5-star reviews more often, from 25% to 45% of reviews by March 2028.",
     _c("who", "measure", "baseline", "target", "timeframe")),  # a rating
    ("Branch managers look at the sales dashboard each Monday, from 30% to 90% of Mondays by Q3 2027.",
     _c("who", "baseline", "target", "timeframe")),  # traction
    ("Turn on automatic meter readings for all business customers by April 2027.",
     _c("output", "timeframe")),  # the team's act
]
CRITERIA_EXAMPLES += SPOT_CHECKS[-6:]
