// The test wallet injected into the page (page.addInitScript): an EIP-1193
// provider announced through EIP-6963 that forwards requests to the local
// node via the binding `__fltWalletRpc` (the node's dev accounts are
// unlocked, so eth_sendTransaction works). It starts on chain 1 and knows
// no other chain, so the app must add and switch to the local node; it
// records wallet_* calls in `window.__fltWalletCalls` for the test.
// `window.__fltTestWallet.setAccount(a)` switches account (accountsChanged).
(({ account, uuid }) => {
  const listeners = {};
  const calls = [];
  // Remembered across page loads in this tab, as a real wallet does.
  const saved = JSON.parse(sessionStorage.getItem('fltTestWallet') || 'null');
  const known = new Set(saved?.known ?? ['0x1']);
  let chainId = saved?.chainId ?? '0x1';
  let current = saved?.account ?? account;
  const save = () => sessionStorage.setItem('fltTestWallet', JSON.stringify({ known: [...known], chainId, account: current }));
  const emit = (ev, v) => (listeners[ev] || []).forEach((f) => f(v));
  const err = (code, message) => Object.assign(new Error(message), { code });
  const rpc = async (method, params) => {
    const r = await window.__fltWalletRpc(method, params);
    if (r.error) throw Object.assign(new Error(r.error.message), { code: r.error.code, data: r.error.data });
    return r.result;
  };
  const provider = {
    isFltTestWallet: true,
    async request({ method, params }) {
      switch (method) {
        case 'eth_requestAccounts':
          calls.push({ method });
          sessionStorage.setItem('fltTestWalletConnected', '1');
          return [current];
        case 'eth_accounts':
          return sessionStorage.getItem('fltTestWalletConnected') ? [current] : [];
        case 'eth_chainId':
          return chainId;
        case 'wallet_switchEthereumChain': {
          calls.push({ method, params });
          const id = params[0].chainId.toLowerCase();
          if (!known.has(id)) throw err(4902, `Unrecognized chain ID ${id}`);
          if (id !== chainId) {
            chainId = id;
            save();
            emit('chainChanged', id);
          }
          return null;
        }
        case 'wallet_addEthereumChain':
          calls.push({ method, params });
          known.add(params[0].chainId.toLowerCase());
          save();
          return null;
        case 'wallet_watchAsset':
          calls.push({ method, params });
          return true;
        case 'eth_sendTransaction':
          if (chainId !== '0x64aba') throw err(4901, 'The wallet is not on the local node');
          calls.push({ method, params });
          return rpc(method, [{ ...params[0], from: current }]);
        default:
          return rpc(method, params ?? []);
      }
    },
    on(ev, f) {
      (listeners[ev] = listeners[ev] || []).push(f);
      return provider;
    },
    removeListener(ev, f) {
      listeners[ev] = (listeners[ev] || []).filter((g) => g !== f);
      return provider;
    },
  };
  window.__fltWalletCalls = calls;
  window.__fltTestWallet = {
    setAccount(a) {
      current = a;
      save();
      emit('accountsChanged', [a]);
    },
  };
  const info = Object.freeze({ uuid, name: 'FLT Test Wallet', icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>', rdns: 'org.flt.testwallet' });
  const announce = () =>
    window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
})
