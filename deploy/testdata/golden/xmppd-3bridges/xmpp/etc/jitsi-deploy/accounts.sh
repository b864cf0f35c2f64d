#!/bin/sh
# /etc/jitsi-deploy/accounts.sh on xmpp for meet.example.org, written by jitsi-deploy.
# Registers the service accounts; the passwords equal those in jicofo.conf and jvb.conf.
set -e
xmppd -config /etc/xmppd/xmppd.conf register focus auth.meet.example.org z23456789Arstuvwz2345678
xmppd -config /etc/xmppd/xmppd.conf register jvb auth.meet.example.org 9Arstuvwz23456789Arstuvw
