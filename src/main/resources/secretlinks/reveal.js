// Reveals a one-time secret: claims the ciphertext once, decrypts it here with the key from the
// URL fragment (never sent to the server) and shows each field with a Copy button.
(function () {
  'use strict';

  var main = document.getElementById('secret');
  if (!main) {
    return;
  }
  var linkId = main.getAttribute('data-link-id');
  var revealButton = document.getElementById('reveal');
  var status = document.getElementById('status');

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }

  function fromBase64Url(text) {
    var s = text.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) {
      s += '=';
    }
    var binary = atob(s);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }

  function copyButton(getText) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.addEventListener('click', function () {
      var done = function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy'; }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(getText()).then(done, function () {
          button.textContent = 'Select and copy by hand';
        });
      } else {
        button.textContent = 'Select and copy by hand';
      }
    });
    return button;
  }

  function show(payload) {
    var list = document.getElementById('fields');
    (payload.fields || []).forEach(function (field, index) {
      var dt = document.createElement('dt');
      dt.textContent = field.label;
      var dd = document.createElement('dd');
      dd.className = 'value';
      var code = document.createElement('code');
      code.id = 'field-' + index;
      code.setAttribute('data-label', field.label);
      code.textContent = field.value;
      dd.appendChild(code);
      var copy = document.createElement('dd');
      copy.appendChild(copyButton(function () { return field.value; }));
      list.appendChild(dt);
      list.appendChild(dd);
      list.appendChild(copy);
    });
    list.hidden = false;
    if (payload.authSnippet) {
      document.getElementById('snippet').textContent = payload.authSnippet;
      var section = document.getElementById('snippet-section');
      var old = document.getElementById('copy-snippet');
      var replacement = copyButton(function () { return payload.authSnippet; });
      replacement.id = 'copy-snippet';
      section.replaceChild(replacement, old);
      section.hidden = false;
    }
    revealButton.hidden = true;
    document.getElementById('done').hidden = false;
  }

  if (!window.crypto || !window.crypto.subtle) {
    revealButton.disabled = true;
    say('This browser cannot decrypt here (it needs HTTPS and WebCrypto). Nothing was revealed.', true);
    return;
  }

  var keyBytes = null;
  try {
    keyBytes = fromBase64Url(window.location.hash.replace(/^#/, ''));
  } catch (e) {
    keyBytes = null;
  }
  if (!keyBytes || keyBytes.length !== 32) {
    revealButton.disabled = true;
    say('This link is incomplete: the key after "#" is missing or damaged. Nothing was revealed;'
        + ' copy the whole link from Slack.', true);
    return;
  }

  revealButton.addEventListener('click', function () {
    revealButton.disabled = true;
    say('Revealing…', false);
    var keyPromise = crypto.subtle.importKey('raw', keyBytes, { name: 'AES-GCM' }, false, ['decrypt']);
    keyPromise
      .then(function (key) {
        return fetch(encodeURIComponent(linkId) + '/claim', {
          method: 'POST',
          headers: { 'Accept': 'application/json' },
          cache: 'no-store',
          credentials: 'omit',
          referrerPolicy: 'no-referrer'
        }).then(function (response) {
          if (response.status === 429) {
            revealButton.disabled = false;
            throw new Error('Too many attempts from your address; wait a minute and try again.');
          }
          if (response.status === 410) {
            throw new Error('This link was replaced by a newer one: use the newest link the bot'
                + ' sent in Slack.');
          }
          if (!response.ok) {
            throw new Error('This link has already been used or has expired.');
          }
          return response.json();
        }).then(function (body) {
          return crypto.subtle.decrypt(
            {
              name: 'AES-GCM',
              iv: fromBase64Url(body.iv),
              additionalData: new TextEncoder().encode('secret-link:' + linkId),
              tagLength: 128
            },
            key,
            fromBase64Url(body.ciphertext)
          ).catch(function () {
            throw new Error('The secret could not be decrypted: the link is damaged. It is now'
                + ' used up; ask for fresh credentials.');
          });
        });
      })
      .then(function (plaintext) {
        show(JSON.parse(new TextDecoder().decode(plaintext)));
        // Drop the key from the address bar and history.
        history.replaceState(null, '', window.location.pathname);
        say('Revealed. This was the only time; the server no longer has it.', false);
      })
      .catch(function (error) {
        say(error && error.message ? error.message : 'Something went wrong.', true);
      });
  });
}());
