import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  authorizationHeader,
  decryptResource,
  encryptResource,
  parseAuthorization,
  parseXml,
  paySignMessage,
  platformHeaders,
  platformMessage,
  requestMessage,
  rsaSign,
  rsaVerify,
  signRequest,
  toXml,
  v2Sign,
  verifyPlatformSignature,
} from './wechat-pay.crypto';

/** Vectors made outside this code: RSA signatures by `openssl dgst -sha256 -sign`, AES-GCM by Python `cryptography`. */
const VECTORS = {
  privateKeyPem:
    '-----BEGIN PRIVATE KEY-----\nMIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQDHaVzgT1MD/1Hj\n1VV0sPv+wWOer2xrkf7bQB5xPFvlHKDQ1EL1HGbUQXGrQ/tUpVMcvUp1rdmp2jRM\n6oSwldL91eKAgZwMVRVz0SxCPJkrfzZTpvO+cp+ogv5aBI/Z1UsRT3gLM4y1GLW1\n3obwN+AM49oufJudbRC2TTauyxYtHWeCPEZwyVXxOUyJt578S0fAkCAyPOWKIsZY\nDzv92y8r66J2MERKWHr6GsVQi47cnF5yty/ucQUB8i0v82A3YwhowNYNqdHY8H7h\nM6xRCEuc0DulGjTMz/SsVfz9JTpbAP17DDr0m05+XUclNuViI2cRHCTPb/yhtCRw\n/uNL0A+jAgMBAAECggEAHC6Jz7GmO9RjkF1f/GPe2TwfhheorPMvH3FKXBp5qkGH\ngLve0qE27xxoohmzdV0AB/nAgi0Vq+mIpq4mHoauEO2fWyX2FdAYfgu7w4io5PrP\nhLb9j5bHdZs9sx8d7V01hLbEcmDQq+9YDuHqFBzxbyDsftFhdLgrOnhjGATfl3Rm\nHZ5QfFqHd5jlsaTIkESKsKVhEZptoI85MTyIG21p8gZt0pLe3BFt806LB8X/BzrB\nUXH+xGe42l5kMiy8v4tf4O4riYfkv3IO6aX9z4OEq00uqSg8pGPuDorKMvs1xRLe\nVYF3uKPFFPYtYu+zfm4cth4ssA5sug+HKtT46leF0QKBgQD85VE1FUNxvIMjcfn2\nStDO2Spnp2j8ZXYXf194ubzbenqsIULOzBS0E6NGgKoRWpsbgeg2AhHgVokrD0YA\nXLuLXBaq33eTN1+FaJHMqvrt1JWoqhY/CnwGUag4Y1MPOzAg/CJqHGYf1+l73egv\nLXLjB1vS1rs2rrwTSl82r62yJwKBgQDJ2/r8Rwqfbz4c3Gmg0IPX5ZI6lo+bOhl6\n7RemvjBrszMp72o9ooUsGNAZa6FmJVy78TblZ0zPl3mhwnR3VxXXsxxAv25946iR\nqgb+ur7PFS6igTWpdLMOElmAVjr1OAK9axLMo+1htVfQHMRyCtqNUZcdVsLnNspC\n8qgxvgIwJQKBgQChqGDZwubi/HMDpGb5hmel4fIWYlBdDuqHKLe5r1lHHyrtfzF6\nicAuQGNdvP95qmZ+FfN/GqGcuxRhvxirQJvuAIbI4aJJK9tWpzqUDzPp9btZHqir\n0aLoUyhqKyu8D8S7QREqrU6mylkJAhfamH3ZHCoZQ4RW9yloV2E3zuMEfwKBgQCb\nvcHTyuwDPszpb5V/oeFXPaSo12lNFnJ6SVsqJyssrUIYZMPPcgjVkP9d3ZDVQpZd\n2ynDrQOyVuhdSa6aNPKBTYvK2Ofi8Tcpy8lB18tH8svcTVydtZBAlx++yMkMUX6r\nrmT+xqtr64Io60kVxBIDXqP82ufdhIRhSt9CIZuGkQKBgQDhl/ZMHdTivn7oJXzZ\nyEsxPGIIDB/x9nvUd0Q+KqnRlMPJG/f1adsJewGXl5IZziqx/F6glnyX3Kz9j3f8\n+qAPdlZBA9H5/okhGwid6S8OVRBEnwk5TkgzRD0hcebCtBWWdAZaJRxUpun4B03o\nakAP7Ce2GloeWNpIfnFtZKorjA==\n-----END PRIVATE KEY-----\n',
  publicKeyPem:
    '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx2lc4E9TA/9R49VVdLD7\n/sFjnq9sa5H+20AecTxb5Ryg0NRC9Rxm1EFxq0P7VKVTHL1Kda3Zqdo0TOqEsJXS\n/dXigIGcDFUVc9EsQjyZK382U6bzvnKfqIL+WgSP2dVLEU94CzOMtRi1td6G8Dfg\nDOPaLnybnW0Qtk02rssWLR1ngjxGcMlV8TlMibee/EtHwJAgMjzliiLGWA87/dsv\nK+uidjBESlh6+hrFUIuO3Jxecrcv7nEFAfItL/NgN2MIaMDWDanR2PB+4TOsUQhL\nnNA7pRo0zM/0rFX8/SU6WwD9eww69JtOfl1HJTblYiNnERwkz2/8obQkcP7jS9AP\nowIDAQAB\n-----END PUBLIC KEY-----\n',
  requestSignature:
    'w4E+sew3jHbfpMZYgGXiVbOf7A4NauLeI9JMv+5JZn4Hho5wOFPzC3bUin4naCL1ifedQqgM9tzOXafy0Z5xIClKK2w6epkyEKLgDBO3xkBgSDFQMFqeY1/wk+Hlth1sdqMdTYyl5KtJF6cSlRhNlG4kqT27nY3QEyiL6hoWAXerSRxCEkzFh5jL2HpYCUZ7l1/eQVBOhd5CcisMevt96T0P9CXQKxXvm6XJM4v+1Vtv/DoJsP41mkxa6JtW3HVUiKgU45Srli4pEv2GBSrgTWKwMO9iT7EEImIy7qcMhwYnRZk1KXB1/lTTIFlnK6AticP9pEqVvApEf0I478ZvqQ==',
  paySign:
    'UICTAsQhrome0WybgWWlcRj4pC7VkvQ6RV6gPiuu9+KLNYaPLLvEQvgcCjXrAO6y9M/HrtsxyI7UfOqQ6vqXWUsmC/rM6EhCqFK4nKCsMHxLkhQ6zEO/pg4W69Fi9u0I31yMcIORGqwKN/64t7i5DGH3avixDnSPSZbLImj+vrBbs3fcOfvVvuqnGTryskq+w5ChLD//ydM5s46JInGxHZ2+fGJI5ANMYG/DECf7atWF2diJoJRf9+fpSCsuKaJcemusimshkPr3wQ3R+6zqHdidnoKOJnpx3uYDgD89Vbj+gNZr/muzYox1comkdHmKdVHvwKc+NQzDv09ti7R/vg==',
  notifySignature:
    'CuRTys5TqiQNqBgK/8b65haRwuxK1vxQvM9ULImG7eXnTuKiXOB6O/F+WDblzw3A0oPDGDOefKk41tsxrT2W4XmYLstdsIAy19blrfad1pfOUup3Mznpvr55kgI6vhZ29EsgF/UrYUBtZjb9va5SIe6zPKuEc+jzGMQ0M7JUsvllQ/i79ajbBWOG8fzgktcJ9U/W68+ZnrcPHxq5Ebtm4vczs0Z5vKgKaBc1RM4VkBC4h3yEGwKs4zY/9U6rHRw9Zu/34MajA0oUKLQFacSclYn8N30TU3/PfQYM/yj4S3s76FkUMEgQcbzjEJQ15F7GG9Y3n543CsIf/b9nRu9oEw==',
};

const privateKey = createPrivateKey(VECTORS.privateKeyPem);
const publicKey = createPublicKey(VECTORS.publicKeyPem);
const REQ_BODY = '{"appid":"wx0000000000standin","amount":{"total":129120}}';
const NOTIFY_BODY = '{"id":"EV-2018022511223320873","event_type":"TRANSACTION.SUCCESS"}';
const APIV3_KEY = '0123456789abcdefABCDEF0123456789';
/** AES-256-GCM of the plaintext below with APIV3_KEY, nonce fdasflkja484, AAD "transaction" (Python cryptography). */
const GCM_CIPHERTEXT =
  'fXp3R6pXL8f0cRqpXtnq3boGg+i9Ihi64cn7FJi9YOAEDAU0zVnT6RRUVnKRI2u7S7JTiudT67qLNBg3DZiM0Q8RqYPc7hZA1Y5qzDzXFLBTLUDN5QUgxrSCZVNygzsRj2FtQoA4Q4RZbExpetOqT3NVN+xfKQsxoTeazTLc+epXTGH+P+e+mdr+MtDa39pAAwrH/g5W2J1HJL4V3R+vnZpIj1LvsbVc';
const GCM_PLAINTEXT =
  '{"mchid":"1900000109","appid":"wx0000000000standin","out_trade_no":"BILL202611-0001","trade_state":"SUCCESS","amount":{"total":129120,"currency":"CNY"}}';

describe('WeChat Pay crypto against vectors made by openssl / Python', () => {
  it('request signature over METHOD\\nPATH\\nTS\\nNONCE\\nBODY\\n equals openssl (RSA PKCS#1 v1.5 is deterministic)', () => {
    const msg = requestMessage(
      'post',
      '/v3/pay/transactions/jsapi',
      '1700000000',
      '593BEC0C930BF1AFEB40B4A08C8FB242',
      REQ_BODY,
    );
    expect(msg).toBe(`POST\n/v3/pay/transactions/jsapi\n1700000000\n593BEC0C930BF1AFEB40B4A08C8FB242\n${REQ_BODY}\n`);
    expect(rsaSign(msg, privateKey)).toBe(VECTORS.requestSignature);
  });

  it('Authorization header carries the five fields and parses back', () => {
    const header = signRequest({
      method: 'POST',
      pathWithQuery: '/v3/pay/transactions/jsapi',
      body: REQ_BODY,
      mchid: '1900000109',
      serialNo: 'ABC123',
      privateKey,
      timestamp: '1700000000',
      nonceStr: '593BEC0C930BF1AFEB40B4A08C8FB242',
    });
    expect(header).toBe(
      `WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="${VECTORS.requestSignature}",timestamp="1700000000",serial_no="ABC123"`,
    );
    expect(parseAuthorization(header)).toEqual({
      mchid: '1900000109',
      nonce_str: '593BEC0C930BF1AFEB40B4A08C8FB242',
      signature: VECTORS.requestSignature,
      timestamp: '1700000000',
      serial_no: 'ABC123',
    });
    expect(parseAuthorization('Bearer x')).toBeNull();
    expect(
      parseAuthorization(
        authorizationHeader({ mchid: '1', nonce_str: '', signature: 's', timestamp: '1', serial_no: 'x' }),
      ),
    ).toBeNull();
  });

  it('paySign over appId\\ntimeStamp\\nnonceStr\\nprepay_id=…\\n equals openssl and is 344 base64 chars', () => {
    const msg = paySignMessage(
      'wx0000000000standin',
      '1700000000',
      '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
      'prepay_id=wx201410272009395522657a690389285100',
    );
    const sig = rsaSign(msg, privateKey);
    expect(sig).toBe(VECTORS.paySign);
    expect(sig).toHaveLength(344);
  });

  describe('verifyPlatformSignature', () => {
    const keys = new Map([['PUB_KEY_ID_0119000001', publicKey]]);
    const headers = (o: Record<string, string> = {}) => ({
      'wechatpay-serial': 'PUB_KEY_ID_0119000001',
      'wechatpay-timestamp': '1700000000',
      'wechatpay-nonce': 'NONCE123',
      'wechatpay-signature': VECTORS.notifySignature,
      ...o,
    });

    it('accepts the openssl-signed notify within ±300 s', () => {
      expect(platformMessage('1700000000', 'NONCE123', NOTIFY_BODY).toString()).toBe(
        `1700000000\nNONCE123\n${NOTIFY_BODY}\n`,
      );
      expect(verifyPlatformSignature(headers(), Buffer.from(NOTIFY_BODY), keys, 1700000000)).toBe('ok');
      expect(verifyPlatformSignature(headers(), NOTIFY_BODY, keys, 1700000300)).toBe('ok');
      // Header names arrive in any case from some proxies.
      expect(
        verifyPlatformSignature(
          {
            'Wechatpay-Serial': 'PUB_KEY_ID_0119000001',
            'Wechatpay-Timestamp': '1700000000',
            'Wechatpay-Nonce': 'NONCE123',
            'Wechatpay-Signature': VECTORS.notifySignature,
          },
          NOTIFY_BODY,
          keys,
          1700000000,
        ),
      ).toBe('ok');
    });

    it('rejects stale, unknown serial, re-serialised body, SIGNTEST probe, garbage signature and missing headers', () => {
      expect(verifyPlatformSignature(headers(), NOTIFY_BODY, keys, 1700000301)).toBe('stale-timestamp');
      expect(verifyPlatformSignature(headers(), NOTIFY_BODY, keys, 1699999699)).toBe('stale-timestamp');
      expect(verifyPlatformSignature(headers({ 'wechatpay-timestamp': '17e8' }), NOTIFY_BODY, keys, 1700000000)).toBe(
        'stale-timestamp',
      );
      expect(
        verifyPlatformSignature(headers({ 'wechatpay-serial': 'PUB_KEY_ID_9999' }), NOTIFY_BODY, keys, 1700000000),
      ).toBe('unknown-serial');
      const reserialised = JSON.stringify(JSON.parse(NOTIFY_BODY), null, 1);
      expect(verifyPlatformSignature(headers(), reserialised, keys, 1700000000)).toBe('bad-signature');
      expect(
        verifyPlatformSignature(
          headers({ 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abc' }),
          NOTIFY_BODY,
          keys,
          1700000000,
        ),
      ).toBe('bad-signature');
      expect(verifyPlatformSignature(headers({ 'wechatpay-signature': '!!!' }), NOTIFY_BODY, keys, 1700000000)).toBe(
        'bad-signature',
      );
      expect(verifyPlatformSignature(headers({ 'wechatpay-nonce': '' }), NOTIFY_BODY, keys, 1700000000)).toBe(
        'missing-headers',
      );
    });

    it('a key of the other pair does not verify', () => {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
      expect(rsaVerify(platformMessage('1700000000', 'NONCE123', NOTIFY_BODY), VECTORS.notifySignature, other)).toBe(
        false,
      );
      expect(
        rsaVerify(platformMessage('1700000000', 'NONCE123', NOTIFY_BODY), VECTORS.notifySignature, publicKey),
      ).toBe(true);
    });

    it('platformHeaders (the stand-in side) produce headers that verify', () => {
      const h = platformHeaders(NOTIFY_BODY, 'PUB_KEY_ID_0119000001', privateKey, '1700000000');
      expect(h['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048');
      expect(verifyPlatformSignature(h, NOTIFY_BODY, keys, 1700000010)).toBe('ok');
    });
  });

  describe('AEAD_AES_256_GCM resource', () => {
    const resource = { ciphertext: GCM_CIPHERTEXT, nonce: 'fdasflkja484', associated_data: 'transaction' };

    it('decrypts the Python-made ciphertext', () => {
      expect(decryptResource(resource, APIV3_KEY)).toBe(GCM_PLAINTEXT);
    });

    it('throws on a flipped ciphertext bit, wrong AAD, wrong key or wrong nonce', () => {
      const buf = Buffer.from(GCM_CIPHERTEXT, 'base64');
      buf[5] ^= 1;
      expect(() => decryptResource({ ...resource, ciphertext: buf.toString('base64') }, APIV3_KEY)).toThrow();
      expect(() => decryptResource({ ...resource, associated_data: 'refund' }, APIV3_KEY)).toThrow();
      expect(() => decryptResource(resource, APIV3_KEY.replace('0', '1'))).toThrow();
      expect(() => decryptResource({ ...resource, nonce: 'fdasflkja485' }, APIV3_KEY)).toThrow();
      expect(() => decryptResource({ ...resource, ciphertext: 'AAAA' }, APIV3_KEY)).toThrow();
    });

    it('encryptResource round-trips with a 12-character nonce', () => {
      const r = encryptResource('{"x":"中文"}', APIV3_KEY, 'refund');
      expect(r).toMatchObject({ algorithm: 'AEAD_AES_256_GCM', associated_data: 'refund', original_type: 'refund' });
      expect(r.nonce).toHaveLength(12);
      expect(decryptResource(r, APIV3_KEY)).toBe('{"x":"中文"}');
    });
  });

  describe('APIv2 (micropay)', () => {
    it('HMAC-SHA256 sign equals the value computed by Python hmac for the WeChat doc example', () => {
      const fields = {
        appid: 'wxd930ea5d5a258f4f',
        mch_id: '10000100',
        device_info: '1000',
        body: 'test',
        nonce_str: 'ibuaiVcKdpRxkhJA',
        sign: 'ignored',
        empty: '',
      };
      expect(v2Sign(fields, '192006250b4c09247ec02edce69f6a2d')).toBe(
        '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6',
      );
    });

    it('XML round-trips, CDATA and plain, and refuses non-xml', () => {
      const xml = toXml({ a: '1', b: '<物业>', c: 'x]]>y', skip: undefined });
      expect(parseXml(xml)).toEqual({ a: '1', b: '<物业>', c: 'x]]>y' });
      expect(parseXml('<xml><return_code>SUCCESS</return_code><n><![CDATA[v]]></n></xml>')).toEqual({
        return_code: 'SUCCESS',
        n: 'v',
      });
      expect(parseXml('{"a":1}')).toBeNull();
    });
  });
});
