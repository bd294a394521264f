// Security keys and passkeys (WebAuthn) for the two-step sign-in.
//
// A form marked data-webauthn="add" or "authenticate" holds a hidden
// credential input and a hidden start button. When the browser can talk to a
// key, the button is shown; pressing it asks the key, puts its answer in the
// input and sends the form. The options from the server are in the JSON data
// element named by data-webauthn-data. No inline script is needed.
(function () {
  'use strict'

  function showError (form, error) {
    const box = form.querySelector('[data-webauthn-error]')
    if (!box) return
    box.hidden = false
    box.textContent = box.dataset.text
    // The browser says so when the key is already added to this account.
    if (error && error.name === 'InvalidStateError' && box.dataset.known) {
      box.textContent = box.dataset.known
    }
    box.focus()
  }

  function ask (form, data) {
    const kind = form.dataset.webauthn
    if (kind === 'add') {
      return window.webauthnJSON.create(data.creation_options)
    }
    return window.webauthnJSON.get(data.request_options)
  }

  function setUp (form) {
    const button = form.querySelector('[data-webauthn-start]')
    const input = form.querySelector('input[name=credential]')
    const source = document.getElementById(form.dataset.webauthnData)
    if (!button || !input || !source) return
    if (!window.PublicKeyCredential || !window.webauthnJSON) {
      const unsupported = form.querySelector('[data-webauthn-unsupported]')
      if (unsupported) unsupported.hidden = false
      return
    }
    button.hidden = false
    button.addEventListener('click', async function () {
      button.disabled = true
      try {
        const credential = await ask(form, JSON.parse(source.textContent))
        input.value = JSON.stringify(credential)
        form.submit()
      } catch (error) {
        button.disabled = false
        showError(form, error)
      }
    })
  }

  function start () {
    document.querySelectorAll('form[data-webauthn]').forEach(setUp)
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start)
  } else {
    start()
  }
})()
