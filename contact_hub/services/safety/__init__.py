"""The safety question flow: asking residents "is anyone in danger?" when the router is
unsure, reading their answer, escalating on YES or no answer in time, and the list staff
check ("check now")."""
