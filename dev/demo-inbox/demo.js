// Opens a pop-out compose with a ready follow-up, as an SDR would have in Gmail.
document.getElementById('compose').addEventListener('click', () => {
  window.fixture.openCompose('popout', {
    from: 'Demo SDR <sdr@outbound.example.com>',
    to: [['success@simulator.amazonses.com', 'Dana Prospect']],
    subject: 'Quick question about your outbound',
    bodyHtml: '<p>Hi Dana,</p><p>Following up on my note last week: worth a 15-minute call?</p><p>— Demo SDR</p>',
  });
});
