#!/bin/sh
# /etc/jitsi-deploy/accounts.sh on xmpp for jts.fips.de, written by jitsi-deploy.
# Registers the service accounts; the passwords equal those in jicofo.conf and jvb.conf.
set -e
prosodyctl register focus auth.jts.fips.de CHANGE_FOCUS
prosodyctl register jvb auth.jts.fips.de CHANGE_jvb
prosodyctl mod_roster_command subscribe focus.jts.fips.de focus@auth.jts.fips.de
