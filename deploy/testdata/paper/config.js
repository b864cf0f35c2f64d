var config = {
  hosts: {
    domain: 'jts.fips.de',
    muc: 'conference.jts.fips.de'
  },
  bosh: '//jts.fips.de/http-bind',
  useTurnUdp: false,
  	enableWelcomePage: true,
  prejoinConfig: {
    enabled: true,
    hideExtraJoinButtons:
      ['no-audio', 'by-phone'] },
  p2p: {
    stunServers: [
      { urls:
        'stun:meet-jit-si-turnrelay.jitsi.net:443'
      } ] }
}
