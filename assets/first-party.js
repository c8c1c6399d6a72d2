/*
 * affnet first-party tracking (docs/tracking.md, "First-party tracking").
 *
 * Serve this file from the advertiser's own domain and load it on every page:
 *   <script src="/affnet.js" data-network="https://track.example.net" data-days="30"></script>
 *
 * On the landing page it keeps the click id (`tduid`) from the URL in a first-party cookie on
 * the shop's own domain, so browsers that block third-party cookies still remember the click.
 * On the order confirmation page, report the sale (or lead); the click id travels in the URL:
 *   affnet.conversion({ organization: 'prg_…', event: '1', orderNumber: 'A-1',
 *                       orderValue: '49.95', currency: 'EUR',
 *                       products: [{ id: 'SKU-1', name: 'Lamp', price: '49.95', qty: 1 }] });
 *   affnet.conversion({ organization: 'prg_…', event: '2', leadNumber: 'L-1', checksum: 'v05…' });
 * A lead is paid only with the checksum your server computes (docs/tracking.md, NET-R3), and a
 * validation deadline approves a pixel order only under a v05 full checksum (NET-R6): your
 * server signs the fields and the reportInfo text it passes here as is,
 *   affnet.conversion({ organization: 'prg_…', event: '1', orderNumber: 'A-1', orderValue: '49.95',
 *                       currency: 'EUR', reportInfo: 'f1=SKU-1&f2=Lamp&f3=49.95&f4=1',
 *                       checksum: 'v05…' });
 */
(function () {
  var script = document.currentScript;
  var network = (script && script.getAttribute('data-network')) || '';
  var days = Number((script && script.getAttribute('data-days')) || 30);
  var NAME = 'affnet_tduid';

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].slice(0, eq) === name) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return null;
  }

  // The landing page: remember the click (the newest click wins, as on the network).
  var tduid = new URLSearchParams(window.location.search).get('tduid');
  if (tduid && /^[A-Za-z0-9_.-]{1,200}$/.test(tduid)) {
    document.cookie =
      NAME +
      '=' +
      encodeURIComponent(tduid) +
      '; Max-Age=' +
      Math.round(days * 86400) +
      '; Path=/; SameSite=Lax' +
      (window.location.protocol === 'https:' ? '; Secure' : '');
  }

  function conversion(order) {
    var params = new URLSearchParams();
    params.set('organization', order.organization);
    if (order.event) params.set('event', order.event);
    if (order.leadNumber) params.set('leadNumber', order.leadNumber);
    else params.set('orderNumber', order.orderNumber);
    if (order.orderValue !== undefined) params.set('orderValue', String(order.orderValue));
    if (order.currency) params.set('currency', order.currency);
    if (order.voucher) params.set('voucher', order.voucher);
    if (order.checksum) params.set('checksum', order.checksum);
    var clickId = readCookie(NAME);
    if (clickId) params.set('tduid', clickId);
    if (order.reportInfo) {
      // The text the advertiser's server signed (v05): sent exactly as given.
      params.set('reportInfo', order.reportInfo);
    } else if (order.products && order.products.length) {
      // reportInfo separates fields by & and products by |: neither may appear in a value.
      var field = function (value) {
        return String(value === undefined ? '' : value).replace(/\s*[&|]\s*/g, ' ');
      };
      params.set(
        'reportInfo',
        order.products
          .map(function (p) {
            return (
              'f1=' +
              field(p.id) +
              '&f2=' +
              field(p.name) +
              '&f3=' +
              field(p.price) +
              '&f4=' +
              field(p.qty || 1)
            );
          })
          .join('|'),
      );
    }
    var image = new Image(1, 1);
    image.src = (order.network || network).replace(/\/$/, '') + '/report?' + params.toString();
    return image;
  }

  window.affnet = {
    conversion: conversion,
    clickId: function () {
      return readCookie(NAME);
    },
  };
})();
