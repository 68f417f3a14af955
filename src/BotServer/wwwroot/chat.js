// Connects the real Web Chat (window.WebChat from lib/webchat.js) to this server's Direct Line 3.0 endpoint.
// - a new visit gets a token from /api/webchat/token; Web Chat then starts the conversation (the bot welcomes once);
// - a reload resumes the conversation kept in sessionStorage (refresh the token, reconnect, history comes back);
// - when the token stops working (server restarted) or the conversation is gone, a new conversation starts.
// ?transport=polling uses HTTP polling instead of the WebSocket stream.
(function () {
  'use strict';

  var STORAGE_KEY = 'chatbot.webchat.session';
  var domain = location.origin + '/v3/directline';
  var webSocket = new URLSearchParams(location.search).get('transport') !== 'polling';
  var host = document.getElementById('webchat');
  var current = null;

  function showProblem(html) {
    host.hidden = true;
    document.getElementById('problem-text').innerHTML = html;
    document.getElementById('problem').hidden = false;
  }

  if (!window.WebChat) {
    showProblem('The Web Chat bundle (<code>lib/webchat.js</code>) is not installed. Run ' +
      '<code>npm ci --prefix src/BotServer/webchat</code> (or <code>./test.sh</code>, which runs every setup script), ' +
      'then rebuild and restart: <code>dotnet run --project src/BotServer</code>.');
    return;
  }

  function load() {
    try { return JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null'); } catch (e) { return null; }
  }

  function save(session) {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  }

  async function postJson(url, token) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    var response = await fetch(url, { method: 'POST', headers: headers, body: '{}' });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  }

  // A conversation this tab already has: a fresh token for it, or null when it cannot be resumed.
  async function resume(saved) {
    try {
      var refreshed = await postJson(domain + '/tokens/refresh', saved.token);
      if (refreshed.conversationId !== saved.conversationId) return null;
      return { conversationId: refreshed.conversationId, token: refreshed.token, resumed: true };
    } catch (e) {
      return null;
    }
  }

  async function create() {
    var issued = await postJson('/api/webchat/token');
    return { conversationId: issued.conversationId, token: issued.token, resumed: false };
  }

  async function start(fresh) {
    var session = null;
    var saved = fresh ? null : load();
    if (saved && saved.token && saved.conversationId) session = await resume(saved);
    if (!session) session = await create();
    save({ conversationId: session.conversationId, token: session.token });

    var directLine = window.WebChat.createDirectLine({
      domain: domain,
      token: session.token,
      // With a conversation id Web Chat reconnects (GET conversation) instead of starting a new one.
      conversationId: session.resumed ? session.conversationId : undefined,
      webSocket: webSocket
    });

    var element = document.createElement('div');
    host.replaceChildren(element);
    var mine = { directLine: directLine, restarting: false };
    current = mine;

    directLine.connectionStatus$.subscribe(function (status) {
      // 2 = Online: published so tests (and styles) can wait until a message would actually be sent.
      if (current === mine) host.dataset.connectionStatus = String(status);
      // 3 = FailedToConnect, 4 = ExpiredToken, 5 = Ended (DirectLineJS ConnectionStatus).
      if (status === 2 && directLine.token) save({ conversationId: session.conversationId, token: directLine.token });
      if ((status === 3 || status === 4 || status === 5) && current === mine && !mine.restarting) {
        mine.restarting = true;
        restart();
      }
    });

    window.WebChat.renderWebChat({
      directLine: directLine,
      locale: navigator.language || 'en-US',
      styleOptions: { botAvatarInitials: 'B', userAvatarInitials: 'You' }
    }, element);
    element.querySelector('input, textarea') && element.querySelector('input, textarea').focus();
    host.dataset.conversationId = session.conversationId;
  }

  function restart() {
    if (current) {
      try { current.directLine.end(); } catch (e) { /* already closed */ }
    }
    sessionStorage.removeItem(STORAGE_KEY);
    start(true).catch(fail);
  }

  function fail(error) {
    showProblem('Could not reach the bot (' + String(error && error.message || error) +
      '). Is BotServer running? Reload the page to try again.');
  }

  // DirectLineJS refreshes its token every 15 minutes; keep the latest for the next reload.
  window.addEventListener('pagehide', function () {
    if (current && current.directLine.token && host.dataset.conversationId) {
      save({ conversationId: host.dataset.conversationId, token: current.directLine.token });
    }
  });

  document.getElementById('new-conversation').addEventListener('click', function () {
    if (current) current.restarting = true;
    restart();
  });

  start(false).catch(fail);
})();
