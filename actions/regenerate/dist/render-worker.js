import { createRequire as __cmCreateRequire } from 'node:module'; const require = __cmCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/dicom-parser/dist/dicomParser.min.js
var require_dicomParser_min = __commonJS({
  "node_modules/dicom-parser/dist/dicomParser.min.js"(exports, module) {
    !(function(e, t) {
      "object" == typeof exports && "object" == typeof module ? module.exports = t(__require("zlib")) : "function" == typeof define && define.amd ? define("dicom-parser", ["zlib"], t) : "object" == typeof exports ? exports["dicom-parser"] = t(__require("zlib")) : e.dicomParser = t(e.zlib);
    })(exports, function(r) {
      return a = [function(e, t) {
        e.exports = r;
      }, function(e, t, s) {
        "use strict";
        s.r(t), s.d(t, "isStringVr", function() {
          return d;
        }), s.d(t, "isPrivateTag", function() {
          return f;
        }), s.d(t, "parsePN", function() {
          return a2;
        }), s.d(t, "parseTM", function() {
          return n2;
        }), s.d(t, "parseDA", function() {
          return o;
        }), s.d(t, "explicitElementToString", function() {
          return l;
        }), s.d(t, "explicitDataSetToJS", function() {
          return u;
        }), s.d(t, "createJPEGBasicOffsetTable", function() {
          return p;
        }), s.d(t, "parseDicomDataSetExplicit", function() {
          return q;
        }), s.d(t, "parseDicomDataSetImplicit", function() {
          return T;
        }), s.d(t, "readFixedString", function() {
          return b;
        }), s.d(t, "alloc", function() {
          return k;
        }), s.d(t, "version", function() {
          return L;
        }), s.d(t, "bigEndianByteArrayParser", function() {
          return N;
        }), s.d(t, "ByteStream", function() {
          return J;
        }), s.d(t, "sharedCopy", function() {
          return j;
        }), s.d(t, "DataSet", function() {
          return w;
        }), s.d(t, "findAndSetUNElementLength", function() {
          return y;
        }), s.d(t, "findEndOfEncapsulatedElement", function() {
          return g;
        }), s.d(t, "findItemDelimitationItemAndSetElementLength", function() {
          return x;
        }), s.d(t, "littleEndianByteArrayParser", function() {
          return M;
        }), s.d(t, "parseDicom", function() {
          return V;
        }), s.d(t, "readDicomElementExplicit", function() {
          return B;
        }), s.d(t, "readDicomElementImplicit", function() {
          return A;
        }), s.d(t, "readEncapsulatedImageFrame", function() {
          return W;
        }), s.d(t, "readEncapsulatedPixelData", function() {
          return K;
        }), s.d(t, "readEncapsulatedPixelDataFromFragments", function() {
          return _;
        }), s.d(t, "readPart10Header", function() {
          return G;
        }), s.d(t, "readSequenceItemsExplicit", function() {
          return I;
        }), s.d(t, "readSequenceItemsImplicit", function() {
          return F;
        }), s.d(t, "readSequenceItem", function() {
          return S;
        }), s.d(t, "readTag", function() {
          return h;
        });
        var r2 = { AE: true, AS: true, AT: false, CS: true, DA: true, DS: true, DT: true, FL: false, FD: false, IS: true, LO: true, LT: true, OB: false, OD: false, OF: false, OW: false, PN: true, SH: true, SL: false, SQ: false, SS: false, ST: true, TM: true, UI: true, UL: false, UN: void 0, UR: true, US: false, UT: true }, d = function(e2) {
          return r2[e2];
        }, f = function(e2) {
          e2 = parseInt(e2[4], 16);
          if (isNaN(e2)) throw "dicomParser.isPrivateTag: cannot parse last character of group";
          return e2 % 2 == 1;
        }, a2 = function(e2) {
          if (void 0 !== e2) {
            e2 = e2.split("^");
            return { familyName: e2[0], givenName: e2[1], middleName: e2[2], prefix: e2[3], suffix: e2[4] };
          }
        };
        function n2(e2, t2) {
          if (2 <= e2.length) {
            var r3 = parseInt(e2.substring(0, 2), 10), a3 = 4 <= e2.length ? parseInt(e2.substring(2, 4), 10) : void 0, n3 = 6 <= e2.length ? parseInt(e2.substring(4, 6), 10) : void 0, i3 = 8 <= e2.length ? e2.substring(7, 13) : void 0, i3 = i3 ? parseInt(i3, 10) * Math.pow(10, 6 - i3.length) : void 0;
            if (t2 && (isNaN(r3) || void 0 !== a3 && isNaN(a3) || void 0 !== n3 && isNaN(n3) || void 0 !== i3 && isNaN(i3) || r3 < 0 || 23 < r3 || a3 && (a3 < 0 || 59 < a3) || n3 && (n3 < 0 || 59 < n3) || i3 && (i3 < 0 || 999999 < i3))) throw "invalid TM '".concat(e2, "'");
            return { hours: r3, minutes: a3, seconds: n3, fractionalSeconds: i3 };
          }
          if (t2) throw "invalid TM '".concat(e2, "'");
        }
        function i2(e2, t2, r3) {
          return !isNaN(r3) && (0 < t2 && t2 <= 12 && 0 < e2 && e2 <= (function(e3, t3) {
            switch (e3) {
              case 2:
                return t3 % 4 == 0 && t3 % 100 || t3 % 400 == 0 ? 29 : 28;
              case 9:
              case 4:
              case 6:
              case 11:
                return 30;
              default:
                return 31;
            }
          })(t2, r3));
        }
        function o(e2, t2) {
          if (e2 && 8 === e2.length) {
            var r3 = parseInt(e2.substring(0, 4), 10), a3 = parseInt(e2.substring(4, 6), 10), n3 = parseInt(e2.substring(6, 8), 10);
            if (t2 && true !== i2(n3, a3, r3)) throw "invalid DA '".concat(e2, "'");
            return { year: r3, month: a3, day: n3 };
          }
          if (t2) throw "invalid DA '".concat(e2, "'");
        }
        function l(n3, e2) {
          if (void 0 === n3 || void 0 === e2) throw "dicomParser.explicitElementToString: missing required parameters";
          if (void 0 === e2.vr) throw "dicomParser.explicitElementToString: cannot convert implicit element to string";
          var t2, r3 = e2.vr, i3 = e2.tag;
          function a3(e3, t3) {
            for (var r4 = "", a4 = 0; a4 < e3; a4++) 0 !== a4 && (r4 += "/"), r4 += t3.call(n3, i3, a4).toString();
            return r4;
          }
          if (true === d(r3)) t2 = n3.string(i3);
          else {
            if ("AT" === r3) {
              var o2 = n3.uint32(i3);
              return void 0 === o2 ? void 0 : "x".concat((o2 = o2 < 0 ? 4294967295 + o2 + 1 : o2).toString(16).toUpperCase());
            }
            "US" === r3 ? t2 = a3(e2.length / 2, n3.uint16) : "SS" === r3 ? t2 = a3(e2.length / 2, n3.int16) : "UL" === r3 ? t2 = a3(e2.length / 4, n3.uint32) : "SL" === r3 ? t2 = a3(e2.length / 4, n3.int32) : "FD" === r3 ? t2 = a3(e2.length / 8, n3.double) : "FL" === r3 && (t2 = a3(e2.length / 4, n3.float));
          }
          return t2;
        }
        function u(e2, t2) {
          if (void 0 === e2) throw "dicomParser.explicitDataSetToJS: missing required parameter dataSet";
          t2 = t2 || { omitPrivateAttibutes: true, maxElementLength: 128 };
          var r3, a3 = {};
          for (r3 in e2.elements) {
            var n3 = e2.elements[r3];
            if (true !== t2.omitPrivateAttibutes || !f(r3)) if (n3.items) {
              for (var i3 = [], o2 = 0; o2 < n3.items.length; o2++) i3.push(u(n3.items[o2].dataSet, t2));
              a3[r3] = i3;
            } else {
              var s2 = void 0;
              n3.length < t2.maxElementLength && (s2 = l(e2, n3)), a3[r3] = void 0 !== s2 ? s2 : { dataOffset: n3.dataOffset, length: n3.length };
            }
          }
          return a3;
        }
        function c(e2, t2) {
          return 255 === e2.byteArray[t2] && 217 === e2.byteArray[t2 + 1];
        }
        function m(e2, t2, r3) {
          for (var a3, n3, i3 = r3; i3 < t2.fragments.length; i3++) if (a3 = e2, n3 = i3, n3 = t2.fragments[n3], !(!c(a3, n3.position + n3.length - 2) && !c(a3, n3.position + n3.length - 3))) return i3;
        }
        function p(e2, t2, r3) {
          if (void 0 === e2) throw "dicomParser.createJPEGBasicOffsetTable: missing required parameter dataSet";
          if (void 0 === t2) throw "dicomParser.createJPEGBasicOffsetTable: missing required parameter pixelDataElement";
          if ("x7fe00010" !== t2.tag) throw "dicomParser.createJPEGBasicOffsetTable: parameter 'pixelDataElement' refers to non pixel data tag (expected tag = x7fe00010'";
          if (true !== t2.encapsulatedPixelData) throw "dicomParser.createJPEGBasicOffsetTable: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (true !== t2.hadUndefinedLength) throw "dicomParser.createJPEGBasicOffsetTable: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (void 0 === t2.basicOffsetTable) throw "dicomParser.createJPEGBasicOffsetTable: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (void 0 === t2.fragments) throw "dicomParser.createJPEGBasicOffsetTable: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (t2.fragments.length <= 0) throw "dicomParser.createJPEGBasicOffsetTable: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (r3 && r3.length <= 0) throw "dicomParser.createJPEGBasicOffsetTable: parameter 'fragments' must not be zero length";
          r3 = r3 || t2.fragments;
          for (var a3 = [], n3 = 0; ; ) {
            a3.push(t2.fragments[n3].offset);
            var i3 = m(e2, t2, n3);
            if (void 0 === i3 || i3 === t2.fragments.length - 1) return a3;
            n3 = i3 + 1;
          }
        }
        function h(e2) {
          if (void 0 === e2) throw "dicomParser.readTag: missing required parameter 'byteStream'";
          var t2 = 256 * e2.readUint16() * 256, e2 = e2.readUint16();
          return "x".concat("00000000".concat((t2 + e2).toString(16)).substr(-8));
        }
        function g(e2, t2, r3) {
          if (void 0 === e2) throw "dicomParser.findEndOfEncapsulatedElement: missing required parameter 'byteStream'";
          if (void 0 === t2) throw "dicomParser.findEndOfEncapsulatedElement: missing required parameter 'element'";
          if (t2.encapsulatedPixelData = true, t2.basicOffsetTable = [], t2.fragments = [], "xfffee000" !== h(e2)) throw "dicomParser.findEndOfEncapsulatedElement: basic offset table not found";
          for (var a3 = e2.readUint32() / 4, n3 = 0; n3 < a3; n3++) {
            var i3 = e2.readUint32();
            t2.basicOffsetTable.push(i3);
          }
          for (var o2 = e2.position; e2.position < e2.byteArray.length; ) {
            var s2 = h(e2), d2 = e2.readUint32();
            if ("xfffee0dd" === s2) return e2.seek(d2), void (t2.length = e2.position - t2.dataOffset);
            if ("xfffee000" !== s2) return r3 && r3.push("unexpected tag ".concat(s2, " while searching for end of pixel data element with undefined length")), d2 > e2.byteArray.length - e2.position && (d2 = e2.byteArray.length - e2.position), t2.fragments.push({ offset: e2.position - o2 - 8, position: e2.position, length: d2 }), e2.seek(d2), void (t2.length = e2.position - t2.dataOffset);
            t2.fragments.push({ offset: e2.position - o2 - 8, position: e2.position, length: d2 }), e2.seek(d2);
          }
          r3 && r3.push("pixel data element ".concat(t2.tag, " missing sequence delimiter tag xfffee0dd"));
        }
        function y(e2, t2) {
          if (void 0 === e2) throw "dicomParser.findAndSetUNElementLength: missing required parameter 'byteStream'";
          for (var r3 = e2.byteArray.length - 8; e2.position <= r3; ) if (65534 === e2.readUint16()) {
            var a3 = e2.readUint16();
            if (57565 === a3) return 0 !== e2.readUint32() && e2.warnings("encountered non zero length following item delimiter at position ".concat(e2.position - 4, " while reading element of undefined length with tag ").concat(t2.tag)), void (t2.length = e2.position - t2.dataOffset);
          }
          t2.length = e2.byteArray.length - t2.dataOffset, e2.seek(e2.byteArray.length - e2.position);
        }
        function b(e2, t2, r3) {
          if (r3 < 0) throw "dicomParser.readFixedString - length cannot be less than 0";
          if (t2 + r3 > e2.length) throw "dicomParser.readFixedString: attempt to read past end of buffer";
          for (var a3, n3 = "", i3 = 0; i3 < r3; i3++) {
            if (0 === (a3 = e2[t2 + i3])) return t2 += r3, n3;
            n3 += String.fromCharCode(a3);
          }
          return n3;
        }
        function v(e2, t2) {
          for (var r3 = 0; r3 < t2.length; r3++) {
            var a3 = t2[r3];
            a3.enumerable = a3.enumerable || false, a3.configurable = true, "value" in a3 && (a3.writable = true), Object.defineProperty(e2, a3.key, a3);
          }
        }
        function P2(e2, t2) {
          return void 0 !== e2.parser ? e2.parser : t2;
        }
        var w = (function() {
          function a3(e3, t3, r4) {
            !(function(e4, t4) {
              if (!(e4 instanceof t4)) throw new TypeError("Cannot call a class as a function");
            })(this, a3), this.byteArrayParser = e3, this.byteArray = t3, this.elements = r4;
          }
          var e2, t2, r3;
          return e2 = a3, (t2 = [{ key: "uint16", value: function(e3, t3) {
            e3 = this.elements[e3];
            if (t3 = void 0 !== t3 ? t3 : 0, e3 && 0 !== e3.length) return P2(e3, this.byteArrayParser).readUint16(this.byteArray, e3.dataOffset + 2 * t3);
          } }, { key: "int16", value: function(e3, t3) {
            e3 = this.elements[e3];
            if (t3 = void 0 !== t3 ? t3 : 0, e3 && 0 !== e3.length) return P2(e3, this.byteArrayParser).readInt16(this.byteArray, e3.dataOffset + 2 * t3);
          } }, { key: "uint32", value: function(e3, t3) {
            e3 = this.elements[e3];
            if (t3 = void 0 !== t3 ? t3 : 0, e3 && 0 !== e3.length) return P2(e3, this.byteArrayParser).readUint32(this.byteArray, e3.dataOffset + 4 * t3);
          } }, { key: "int32", value: function(e3, t3) {
            e3 = this.elements[e3];
            if (t3 = void 0 !== t3 ? t3 : 0, e3 && 0 !== e3.length) return P2(e3, this.byteArrayParser).readInt32(this.byteArray, e3.dataOffset + 4 * t3);
          } }, { key: "float", value: function(e3, t3) {
            e3 = this.elements[e3];
            if (t3 = void 0 !== t3 ? t3 : 0, e3 && 0 !== e3.length) return P2(e3, this.byteArrayParser).readFloat(this.byteArray, e3.dataOffset + 4 * t3);
          } }, { key: "double", value: function(e3, t3) {
            e3 = this.elements[e3];
            if (t3 = void 0 !== t3 ? t3 : 0, e3 && 0 !== e3.length) return P2(e3, this.byteArrayParser).readDouble(this.byteArray, e3.dataOffset + 8 * t3);
          } }, { key: "numStringValues", value: function(e3) {
            e3 = this.elements[e3];
            if (e3 && 0 < e3.length) {
              e3 = b(this.byteArray, e3.dataOffset, e3.length).match(/\\/g);
              return null === e3 ? 1 : e3.length + 1;
            }
          } }, { key: "string", value: function(e3, t3) {
            e3 = this.elements[e3];
            if (e3 && e3.Value) return e3.Value;
            if (e3 && 0 < e3.length) {
              e3 = b(this.byteArray, e3.dataOffset, e3.length);
              return 0 <= t3 ? e3.split("\\")[t3].trim() : e3.trim();
            }
          } }, { key: "text", value: function(e3, t3) {
            e3 = this.elements[e3];
            if (e3 && 0 < e3.length) {
              e3 = b(this.byteArray, e3.dataOffset, e3.length);
              return 0 <= t3 ? e3.split("\\")[t3].replace(/ +$/, "") : e3.replace(/ +$/, "");
            }
          } }, { key: "floatString", value: function(e3, t3) {
            var r4 = this.elements[e3];
            if (r4 && 0 < r4.length) {
              t3 = this.string(e3, t3 = void 0 !== t3 ? t3 : 0);
              if (void 0 !== t3) return parseFloat(t3);
            }
          } }, { key: "intString", value: function(e3, t3) {
            var r4 = this.elements[e3];
            if (r4 && 0 < r4.length) {
              t3 = this.string(e3, t3 = void 0 !== t3 ? t3 : 0);
              if (void 0 !== t3) return parseInt(t3);
            }
          } }, { key: "attributeTag", value: function(e3) {
            var t3 = this.elements[e3];
            if (t3 && 4 === t3.length) {
              var r4 = P2(t3, this.byteArrayParser).readUint16, e3 = this.byteArray, t3 = t3.dataOffset;
              return "x".concat("00000000".concat((256 * r4(e3, t3) * 256 + r4(e3, t3 + 2)).toString(16)).substr(-8));
            }
          } }]) && v(e2.prototype, t2), r3 && v(e2, r3), Object.defineProperty(e2, "prototype", { writable: false }), a3;
        })();
        function x(e2, t2) {
          if (void 0 === e2) throw "dicomParser.readDicomElementImplicit: missing required parameter 'byteStream'";
          for (var r3 = e2.byteArray.length - 8; e2.position <= r3; ) if (65534 === e2.readUint16()) {
            var a3 = e2.readUint16();
            if (57357 === a3) return 0 !== e2.readUint32() && e2.warnings("encountered non zero length following item delimiter at position ".concat(e2.position - 4, " while reading element of undefined length with tag ").concat(t2.tag)), void (t2.length = e2.position - t2.dataOffset);
          }
          t2.length = e2.byteArray.length - t2.dataOffset, e2.seek(e2.byteArray.length - e2.position);
        }
        var E = function(e2, t2) {
          if (void 0 !== e2.vr) return "SQ" === e2.vr;
          if (t2.position + 4 <= t2.byteArray.length) {
            e2 = h(t2);
            return t2.seek(-4), "xfffee000" === e2 || "xfffee0dd" === e2;
          }
          return t2.warnings.push("eof encountered before finding sequence item tag or sequence delimiter tag in peeking to determine VR"), false;
        };
        function A(e2, t2, r3) {
          if (void 0 === e2) throw "dicomParser.readDicomElementImplicit: missing required parameter 'byteStream'";
          var a3 = h(e2), a3 = { tag: a3, vr: void 0 !== r3 ? r3(a3) : void 0, length: e2.readUint32(), dataOffset: e2.position };
          return 4294967295 === a3.length && (a3.hadUndefinedLength = true), a3.tag === t2 || (!E(a3, e2) || f(a3.tag) && !a3.hadUndefinedLength ? a3.hadUndefinedLength ? x(e2, a3) : e2.seek(a3.length) : (F(e2, a3, r3), f(a3.tag) && (a3.items = void 0))), a3;
        }
        function S(e2) {
          if (void 0 === e2) throw "dicomParser.readSequenceItem: missing required parameter 'byteStream'";
          var t2 = { tag: h(e2), length: e2.readUint32(), dataOffset: e2.position };
          if ("xfffee000" !== t2.tag) throw "dicomParser.readSequenceItem: item tag (FFFE,E000) not found at offset ".concat(e2.position);
          return t2;
        }
        function D(e2, t2) {
          var r3 = S(e2);
          return 4294967295 === r3.length ? (r3.hadUndefinedLength = true, r3.dataSet = (function(e3, t3) {
            for (var r4 = {}; e3.position < e3.byteArray.length; ) {
              var a3 = A(e3, void 0, t3);
              if ("xfffee00d" === (r4[a3.tag] = a3).tag) return new w(e3.byteArrayParser, e3.byteArray, r4);
            }
            return e3.warnings.push("eof encountered before finding sequence item delimiter in sequence item of undefined length"), new w(e3.byteArrayParser, e3.byteArray, r4);
          })(e2, t2), r3.length = e2.position - r3.dataOffset) : (r3.dataSet = new w(e2.byteArrayParser, e2.byteArray, {}), T(r3.dataSet, e2, e2.position + r3.length, { vrCallback: t2 })), r3;
        }
        function F(e2, t2, r3) {
          if (void 0 === e2) throw "dicomParser.readSequenceItemsImplicit: missing required parameter 'byteStream'";
          if (void 0 === t2) throw "dicomParser.readSequenceItemsImplicit: missing required parameter 'element'";
          t2.items = [], (4294967295 === t2.length ? function(e3, t3, r4) {
            for (; e3.position + 4 <= e3.byteArray.length; ) {
              var a3 = h(e3);
              if (e3.seek(-4), "xfffee0dd" === a3) return t3.length = e3.position - t3.dataOffset, e3.seek(8);
              a3 = D(e3, r4);
              t3.items.push(a3);
            }
            e3.warnings.push("eof encountered before finding sequence delimiter in sequence of undefined length"), t3.length = e3.byteArray.length - t3.dataOffset;
          } : function(e3, t3, r4) {
            for (var a3 = t3.dataOffset + t3.length; e3.position < a3; ) {
              var n3 = D(e3, r4);
              t3.items.push(n3);
            }
          })(e2, t2, r3);
        }
        function O(e2, t2) {
          var r3 = S(e2);
          return 4294967295 === r3.length ? (r3.hadUndefinedLength = true, r3.dataSet = (function(e3, t3) {
            for (var r4 = {}; e3.position < e3.byteArray.length; ) {
              var a3 = B(e3, t3);
              if ("xfffee00d" === (r4[a3.tag] = a3).tag) return new w(e3.byteArrayParser, e3.byteArray, r4);
            }
            return t3.push("eof encountered before finding item delimiter tag while reading sequence item of undefined length"), new w(e3.byteArrayParser, e3.byteArray, r4);
          })(e2, t2), r3.length = e2.position - r3.dataOffset) : (r3.dataSet = new w(e2.byteArrayParser, e2.byteArray, {}), q(r3.dataSet, e2, e2.position + r3.length)), r3;
        }
        function I(e2, t2, r3) {
          if (void 0 === e2) throw "dicomParser.readSequenceItemsExplicit: missing required parameter 'byteStream'";
          if (void 0 === t2) throw "dicomParser.readSequenceItemsExplicit: missing required parameter 'element'";
          t2.items = [], (4294967295 === t2.length ? function(e3, t3, r4) {
            for (; e3.position + 4 <= e3.byteArray.length; ) {
              var a3 = h(e3);
              if (e3.seek(-4), "xfffee0dd" === a3) return t3.length = e3.position - t3.dataOffset, e3.seek(8);
              a3 = O(e3, r4);
              t3.items.push(a3);
            }
            r4.push("eof encountered before finding sequence delimitation tag while reading sequence of undefined length"), t3.length = e3.position - t3.dataOffset;
          } : function(e3, t3, r4) {
            for (var a3 = t3.dataOffset + t3.length; e3.position < a3; ) {
              var n3 = O(e3, r4);
              t3.items.push(n3);
            }
          })(e2, t2, r3);
        }
        var U = function(e2) {
          return "OB" === e2 || "OD" === e2 || "OL" === e2 || "OW" === e2 || "SQ" === e2 || "OF" === e2 || "UC" === e2 || "UR" === e2 || "UT" === e2 || "UN" === e2 ? 4 : 2;
        };
        function B(e2, t2, r3) {
          if (void 0 === e2) throw "dicomParser.readDicomElementExplicit: missing required parameter 'byteStream'";
          var a3 = { tag: h(e2), vr: e2.readFixedString(2) };
          return 2 === U(a3.vr) ? a3.length = e2.readUint16() : (e2.seek(2), a3.length = e2.readUint32()), a3.dataOffset = e2.position, 4294967295 === a3.length && (a3.hadUndefinedLength = true), a3.tag === r3 || ("SQ" === a3.vr ? I(e2, a3, t2) : 4294967295 === a3.length ? "x7fe00010" === a3.tag ? g(e2, a3, t2) : ("UN" === a3.vr ? F : x)(e2, a3) : e2.seek(a3.length)), a3;
        }
        function q(e2, t2, r3) {
          var a3 = 3 < arguments.length && void 0 !== arguments[3] ? arguments[3] : {};
          if (r3 = void 0 === r3 ? t2.byteArray.length : r3, void 0 === t2) throw "dicomParser.parseDicomDataSetExplicit: missing required parameter 'byteStream'";
          if (r3 < t2.position || r3 > t2.byteArray.length) throw "dicomParser.parseDicomDataSetExplicit: invalid value for parameter 'maxP osition'";
          for (var n3 = e2.elements; t2.position < r3; ) {
            var i3 = B(t2, e2.warnings, a3.untilTag);
            if ((n3[i3.tag] = i3).tag === a3.untilTag) return;
          }
          if (t2.position > r3) throw "dicomParser:parseDicomDataSetExplicit: buffer overrun";
        }
        function T(e2, t2, r3) {
          var a3 = 3 < arguments.length && void 0 !== arguments[3] ? arguments[3] : {};
          if (r3 = void 0 === r3 ? e2.byteArray.length : r3, void 0 === t2) throw "dicomParser.parseDicomDataSetImplicit: missing required parameter 'byteStream'";
          if (r3 < t2.position || r3 > t2.byteArray.length) throw "dicomParser.parseDicomDataSetImplicit: invalid value for parameter 'maxPosition'";
          for (var n3 = e2.elements; t2.position < r3; ) {
            var i3 = A(t2, a3.untilTag, a3.vrCallback);
            if ((n3[i3.tag] = i3).tag === a3.untilTag) return;
          }
        }
        function k(e2, t2) {
          if ("undefined" != typeof Buffer && e2 instanceof Buffer) return Buffer.alloc(t2);
          if (e2 instanceof Uint8Array) return new Uint8Array(t2);
          throw "dicomParser.alloc: unknown type for byteArray";
        }
        var L = "1.8.12", N = { readUint16: function(e2, t2) {
          if (t2 < 0) throw "bigEndianByteArrayParser.readUint16: position cannot be less than 0";
          if (t2 + 2 > e2.length) throw "bigEndianByteArrayParser.readUint16: attempt to read past end of buffer";
          return (e2[t2] << 8) + e2[t2 + 1];
        }, readInt16: function(e2, t2) {
          if (t2 < 0) throw "bigEndianByteArrayParser.readInt16: position cannot be less than 0";
          if (t2 + 2 > e2.length) throw "bigEndianByteArrayParser.readInt16: attempt to read past end of buffer";
          t2 = (e2[t2] << 8) + e2[t2 + 1];
          return t2 = 32768 & t2 ? t2 - 65535 - 1 : t2;
        }, readUint32: function(e2, t2) {
          if (t2 < 0) throw "bigEndianByteArrayParser.readUint32: position cannot be less than 0";
          if (t2 + 4 > e2.length) throw "bigEndianByteArrayParser.readUint32: attempt to read past end of buffer";
          return 256 * (256 * (256 * e2[t2] + e2[t2 + 1]) + e2[t2 + 2]) + e2[t2 + 3];
        }, readInt32: function(e2, t2) {
          if (t2 < 0) throw "bigEndianByteArrayParser.readInt32: position cannot be less than 0";
          if (t2 + 4 > e2.length) throw "bigEndianByteArrayParser.readInt32: attempt to read past end of buffer";
          return (e2[t2] << 24) + (e2[t2 + 1] << 16) + (e2[t2 + 2] << 8) + e2[t2 + 3];
        }, readFloat: function(e2, t2) {
          if (t2 < 0) throw "bigEndianByteArrayParser.readFloat: position cannot be less than 0";
          if (t2 + 4 > e2.length) throw "bigEndianByteArrayParser.readFloat: attempt to read past end of buffer";
          var r3 = new Uint8Array(4);
          return r3[3] = e2[t2], r3[2] = e2[t2 + 1], r3[1] = e2[t2 + 2], r3[0] = e2[t2 + 3], new Float32Array(r3.buffer)[0];
        }, readDouble: function(e2, t2) {
          if (t2 < 0) throw "bigEndianByteArrayParser.readDouble: position cannot be less than 0";
          if (t2 + 8 > e2.length) throw "bigEndianByteArrayParser.readDouble: attempt to read past end of buffer";
          var r3 = new Uint8Array(8);
          return r3[7] = e2[t2], r3[6] = e2[t2 + 1], r3[5] = e2[t2 + 2], r3[4] = e2[t2 + 3], r3[3] = e2[t2 + 4], r3[2] = e2[t2 + 5], r3[1] = e2[t2 + 6], r3[0] = e2[t2 + 7], new Float64Array(r3.buffer)[0];
        } };
        function j(e2, t2, r3) {
          if ("undefined" != typeof Buffer && e2 instanceof Buffer) return e2.slice(t2, t2 + r3);
          if (e2 instanceof Uint8Array) return new Uint8Array(e2.buffer, e2.byteOffset + t2, r3);
          throw "dicomParser.from: unknown type for byteArray";
        }
        function C(e2, t2) {
          for (var r3 = 0; r3 < t2.length; r3++) {
            var a3 = t2[r3];
            a3.enumerable = a3.enumerable || false, a3.configurable = true, "value" in a3 && (a3.writable = true), Object.defineProperty(e2, a3.key, a3);
          }
        }
        var J = (function() {
          function a3(e3, t3, r4) {
            if (!(function(e4, t4) {
              if (!(e4 instanceof t4)) throw new TypeError("Cannot call a class as a function");
            })(this, a3), void 0 === e3) throw "dicomParser.ByteStream: missing required parameter 'byteArrayParser'";
            if (void 0 === t3) throw "dicomParser.ByteStream: missing required parameter 'byteArray'";
            if (t3 instanceof Uint8Array == false && ("undefined" == typeof Buffer || t3 instanceof Buffer == false)) throw "dicomParser.ByteStream: parameter byteArray is not of type Uint8Array or Buffer";
            if (r4 < 0) throw "dicomParser.ByteStream: parameter 'position' cannot be less than 0";
            if (r4 >= t3.length) throw "dicomParser.ByteStream: parameter 'position' cannot be greater than or equal to 'byteArray' length";
            this.byteArrayParser = e3, this.byteArray = t3, this.position = r4 || 0, this.warnings = [];
          }
          var e2, t2, r3;
          return e2 = a3, (t2 = [{ key: "seek", value: function(e3) {
            if (this.position + e3 < 0) throw "dicomParser.ByteStream.prototype.seek: cannot seek to position < 0";
            this.position += e3;
          } }, { key: "readByteStream", value: function(e3) {
            if (this.position + e3 > this.byteArray.length) throw "dicomParser.ByteStream.prototype.readByteStream: readByteStream - buffer overread";
            var t3 = j(this.byteArray, this.position, e3);
            return this.position += e3, new a3(this.byteArrayParser, t3);
          } }, { key: "getSize", value: function() {
            return this.byteArray.length;
          } }, { key: "readUint16", value: function() {
            var e3 = this.byteArrayParser.readUint16(this.byteArray, this.position);
            return this.position += 2, e3;
          } }, { key: "readUint32", value: function() {
            var e3 = this.byteArrayParser.readUint32(this.byteArray, this.position);
            return this.position += 4, e3;
          } }, { key: "readFixedString", value: function(e3) {
            var t3 = b(this.byteArray, this.position, e3);
            return this.position += e3, t3;
          } }]) && C(e2.prototype, t2), r3 && C(e2, r3), Object.defineProperty(e2, "prototype", { writable: false }), a3;
        })(), M = { readUint16: function(e2, t2) {
          if (t2 < 0) throw "littleEndianByteArrayParser.readUint16: position cannot be less than 0";
          if (t2 + 2 > e2.length) throw "littleEndianByteArrayParser.readUint16: attempt to read past end of buffer";
          return e2[t2] + 256 * e2[t2 + 1];
        }, readInt16: function(e2, t2) {
          if (t2 < 0) throw "littleEndianByteArrayParser.readInt16: position cannot be less than 0";
          if (t2 + 2 > e2.length) throw "littleEndianByteArrayParser.readInt16: attempt to read past end of buffer";
          t2 = e2[t2] + (e2[t2 + 1] << 8);
          return t2 = 32768 & t2 ? t2 - 65535 - 1 : t2;
        }, readUint32: function(e2, t2) {
          if (t2 < 0) throw "littleEndianByteArrayParser.readUint32: position cannot be less than 0";
          if (t2 + 4 > e2.length) throw "littleEndianByteArrayParser.readUint32: attempt to read past end of buffer";
          return e2[t2] + 256 * e2[t2 + 1] + 256 * e2[t2 + 2] * 256 + 256 * e2[t2 + 3] * 256 * 256;
        }, readInt32: function(e2, t2) {
          if (t2 < 0) throw "littleEndianByteArrayParser.readInt32: position cannot be less than 0";
          if (t2 + 4 > e2.length) throw "littleEndianByteArrayParser.readInt32: attempt to read past end of buffer";
          return e2[t2] + (e2[t2 + 1] << 8) + (e2[t2 + 2] << 16) + (e2[t2 + 3] << 24);
        }, readFloat: function(e2, t2) {
          if (t2 < 0) throw "littleEndianByteArrayParser.readFloat: position cannot be less than 0";
          if (t2 + 4 > e2.length) throw "littleEndianByteArrayParser.readFloat: attempt to read past end of buffer";
          var r3 = new Uint8Array(4);
          return r3[0] = e2[t2], r3[1] = e2[t2 + 1], r3[2] = e2[t2 + 2], r3[3] = e2[t2 + 3], new Float32Array(r3.buffer)[0];
        }, readDouble: function(e2, t2) {
          if (t2 < 0) throw "littleEndianByteArrayParser.readDouble: position cannot be less than 0";
          if (t2 + 8 > e2.length) throw "littleEndianByteArrayParser.readDouble: attempt to read past end of buffer";
          var r3 = new Uint8Array(8);
          return r3[0] = e2[t2], r3[1] = e2[t2 + 1], r3[2] = e2[t2 + 2], r3[3] = e2[t2 + 3], r3[4] = e2[t2 + 4], r3[5] = e2[t2 + 5], r3[6] = e2[t2 + 6], r3[7] = e2[t2 + 7], new Float64Array(r3.buffer)[0];
        } };
        function G(e2) {
          var i3 = 1 < arguments.length && void 0 !== arguments[1] ? arguments[1] : {};
          if (void 0 === e2) throw "dicomParser.readPart10Header: missing required parameter 'byteArray'";
          var o2 = i3.TransferSyntaxUID, s2 = new J(M, e2);
          return (function() {
            var e3 = (function() {
              if (s2.getSize() <= 132 && o2) return false;
              if (s2.seek(128), "DICM" === s2.readFixedString(4)) return true;
              if (!(i3 || {}).TransferSyntaxUID) throw "dicomParser.readPart10Header: DICM prefix not found at location 132 - this is not a valid DICOM P10 file.";
              return s2.seek(0), false;
            })(), t2 = [], r3 = {};
            if (!e3) return s2.position = 0, { elements: { x00020010: { tag: "x00020010", vr: "UI", Value: o2 } }, warnings: t2 };
            for (; s2.position < s2.byteArray.length; ) {
              var a3 = s2.position, n3 = B(s2, t2);
              if ("x0002ffff" < n3.tag) {
                s2.position = a3;
                break;
              }
              n3.parser = M, r3[n3.tag] = n3;
            }
            return (e3 = new w(s2.byteArrayParser, s2.byteArray, r3)).warnings = s2.warnings, e3.position = s2.position, e3;
          })();
        }
        var z = "1.2.840.10008.1.2.2";
        function V(i3) {
          var o2 = 1 < arguments.length && void 0 !== arguments[1] ? arguments[1] : {};
          if (void 0 === i3) throw new Error("dicomParser.parseDicom: missing required parameter 'byteArray'");
          var e2, a3 = function(e3) {
            if (void 0 === e3.elements.x00020010) throw new Error("dicomParser.parseDicom: missing required meta header attribute 0002,0010");
            e3 = e3.elements.x00020010;
            return e3 && e3.Value || b(i3, e3.dataOffset, e3.length);
          };
          function t2(t3) {
            var e3 = a3(t3), r3 = "1.2.840.10008.1.2" !== e3, e3 = (function(e4, t4) {
              var r4 = "[object process]" === Object.prototype.toString.call("undefined" != typeof process ? process : 0);
              if ("1.2.840.10008.1.2.1.99" !== e4) return new J(e4 === z ? N : M, i3, t4);
              if (o2 && o2.inflater) {
                e4 = o2.inflater(i3, t4);
                return new J(M, e4, 0);
              }
              if (true == r4) {
                var a4 = s(0), n3 = j(i3, t4, i3.length - t4), a4 = a4.inflateRawSync(n3), n3 = k(i3, a4.length + t4);
                return i3.copy(n3, 0, 0, t4), a4.copy(n3, t4), new J(M, n3, 0);
              }
              if ("undefined" == typeof pako) throw "dicomParser.parseDicom: no inflater available to handle deflate transfer syntax";
              return a4 = i3.slice(t4), n3 = pako.inflateRaw(a4), (a4 = k(i3, n3.length + t4)).set(i3.slice(0, t4), 0), a4.set(n3, t4), new J(M, a4, 0);
            })(e3, t3.position), t3 = new w(e3.byteArrayParser, e3.byteArray, {});
            t3.warnings = e3.warnings;
            try {
              (r3 ? q : T)(t3, e3, e3.byteArray.length, o2);
            } catch (e4) {
              throw { exception: e4, dataSet: t3 };
            }
            return t3;
          }
          return (function(e3, t3) {
            for (var r3 in e3.elements) e3.elements.hasOwnProperty(r3) && (t3.elements[r3] = e3.elements[r3]);
            return void 0 !== e3.warnings && (t3.warnings = e3.warnings.concat(t3.warnings)), t3;
          })(e2 = G(i3, o2), t2(e2));
        }
        var R = function(e2, t2, r3) {
          for (var a3 = 0, n3 = t2; n3 < t2 + r3; n3++) a3 += e2[n3].length;
          return a3;
        };
        function _(e2, t2, r3, a3, n3) {
          if (n3 = n3 || t2.fragments, void 0 === e2) throw "dicomParser.readEncapsulatedPixelDataFromFragments: missing required parameter 'dataSet'";
          if (void 0 === t2) throw "dicomParser.readEncapsulatedPixelDataFromFragments: missing required parameter 'pixelDataElement'";
          if (void 0 === r3) throw "dicomParser.readEncapsulatedPixelDataFromFragments: missing required parameter 'startFragmentIndex'";
          if (void 0 === (a3 = a3 || 1)) throw "dicomParser.readEncapsulatedPixelDataFromFragments: missing required parameter 'numFragments'";
          if ("x7fe00010" !== t2.tag) throw "dicomParser.readEncapsulatedPixelDataFromFragments: parameter 'pixelDataElement' refers to non pixel data tag (expected tag = x7fe00010";
          if (true !== t2.encapsulatedPixelData) throw "dicomParser.readEncapsulatedPixelDataFromFragments: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (true !== t2.hadUndefinedLength) throw "dicomParser.readEncapsulatedPixelDataFromFragments: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (void 0 === t2.basicOffsetTable) throw "dicomParser.readEncapsulatedPixelDataFromFragments: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (void 0 === t2.fragments) throw "dicomParser.readEncapsulatedPixelDataFromFragments: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (t2.fragments.length <= 0) throw "dicomParser.readEncapsulatedPixelDataFromFragments: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (r3 < 0) throw "dicomParser.readEncapsulatedPixelDataFromFragments: parameter 'startFragmentIndex' must be >= 0";
          if (r3 >= t2.fragments.length) throw "dicomParser.readEncapsulatedPixelDataFromFragments: parameter 'startFragmentIndex' must be < number of fragments";
          if (a3 < 1) throw "dicomParser.readEncapsulatedPixelDataFromFragments: parameter 'numFragments' must be > 0";
          if (r3 + a3 > t2.fragments.length) throw "dicomParser.readEncapsulatedPixelDataFromFragments: parameter 'startFragment' + 'numFragments' < number of fragments";
          var i3 = new J(e2.byteArrayParser, e2.byteArray, t2.dataOffset), t2 = S(i3);
          if ("xfffee000" !== t2.tag) throw "dicomParser.readEncapsulatedPixelData: missing basic offset table xfffee000";
          i3.seek(t2.length);
          var o2 = i3.position;
          if (1 === a3) return j(i3.byteArray, o2 + n3[r3].offset + 8, n3[r3].length);
          for (var t2 = R(n3, r3, a3), s2 = k(i3.byteArray, t2), d2 = 0, f2 = r3; f2 < r3 + a3; f2++) for (var l2 = o2 + n3[f2].offset + 8, u2 = 0; u2 < n3[f2].length; u2++) s2[d2++] = i3.byteArray[l2++];
          return s2;
        }
        var H = function(e2, t2) {
          for (var r3 = 0; r3 < e2.length; r3++) if (e2[r3].offset === t2) return r3;
        }, Q = function(e2, t2, r3, a3) {
          if (e2 === t2.length - 1) return r3.length - a3;
          for (var n3 = t2[e2 + 1], i3 = a3 + 1; i3 < r3.length; i3++) if (r3[i3].offset === n3) return i3 - a3;
          throw "dicomParser.calculateNumberOfFragmentsForFrame: could not find fragment with offset matching basic offset table";
        };
        function W(e2, t2, r3, a3, n3) {
          if (a3 = a3 || t2.basicOffsetTable, n3 = n3 || t2.fragments, void 0 === e2) throw "dicomParser.readEncapsulatedImageFrame: missing required parameter 'dataSet'";
          if (void 0 === t2) throw "dicomParser.readEncapsulatedImageFrame: missing required parameter 'pixelDataElement'";
          if (void 0 === r3) throw "dicomParser.readEncapsulatedImageFrame: missing required parameter 'frameIndex'";
          if (void 0 === a3) throw "dicomParser.readEncapsulatedImageFrame: parameter 'pixelDataElement' does not have basicOffsetTable";
          if ("x7fe00010" !== t2.tag) throw "dicomParser.readEncapsulatedImageFrame: parameter 'pixelDataElement' refers to non pixel data tag (expected tag = x7fe00010)";
          if (true !== t2.encapsulatedPixelData) throw "dicomParser.readEncapsulatedImageFrame: parameter 'pixelDataElement' refers to pixel data element that does not have encapsulated pixel data";
          if (true !== t2.hadUndefinedLength) throw "dicomParser.readEncapsulatedImageFrame: parameter 'pixelDataElement' refers to pixel data element that does not have undefined length";
          if (void 0 === t2.fragments) throw "dicomParser.readEncapsulatedImageFrame: parameter 'pixelDataElement' refers to pixel data element that does not have fragments";
          if (0 === a3.length) throw "dicomParser.readEncapsulatedImageFrame: basicOffsetTable has zero entries";
          if (r3 < 0) throw "dicomParser.readEncapsulatedImageFrame: parameter 'frameIndex' must be >= 0";
          if (r3 >= a3.length) throw "dicomParser.readEncapsulatedImageFrame: parameter 'frameIndex' must be < basicOffsetTable.length";
          var i3 = a3[r3], i3 = H(n3, i3);
          if (void 0 === i3) throw "dicomParser.readEncapsulatedImageFrame: unable to find fragment that matches basic offset table entry";
          return _(e2, t2, i3, Q(r3, a3, n3, i3), n3);
        }
        var $ = false;
        function K(e2, t2, r3) {
          if ($ || ($ = true, console && console.log && console.log("WARNING: dicomParser.readEncapsulatedPixelData() has been deprecated")), void 0 === e2) throw "dicomParser.readEncapsulatedPixelData: missing required parameter 'dataSet'";
          if (void 0 === t2) throw "dicomParser.readEncapsulatedPixelData: missing required parameter 'element'";
          if (void 0 === r3) throw "dicomParser.readEncapsulatedPixelData: missing required parameter 'frame'";
          if ("x7fe00010" !== t2.tag) throw "dicomParser.readEncapsulatedPixelData: parameter 'element' refers to non pixel data tag (expected tag = x7fe00010)";
          if (true !== t2.encapsulatedPixelData) throw "dicomParser.readEncapsulatedPixelData: parameter 'element' refers to pixel data element that does not have encapsulated pixel data";
          if (true !== t2.hadUndefinedLength) throw "dicomParser.readEncapsulatedPixelData: parameter 'element' refers to pixel data element that does not have encapsulated pixel data";
          if (void 0 === t2.basicOffsetTable) throw "dicomParser.readEncapsulatedPixelData: parameter 'element' refers to pixel data element that does not have encapsulated pixel data";
          if (void 0 === t2.fragments) throw "dicomParser.readEncapsulatedPixelData: parameter 'element' refers to pixel data element that does not have encapsulated pixel data";
          if (r3 < 0) throw "dicomParser.readEncapsulatedPixelData: parameter 'frame' must be >= 0";
          return 0 !== t2.basicOffsetTable.length ? W(e2, t2, r3) : _(e2, t2, 0, t2.fragments.length);
        }
        t.default = { isStringVr: d, isPrivateTag: f, parsePN: a2, parseTM: n2, parseDA: o, explicitElementToString: l, explicitDataSetToJS: u, createJPEGBasicOffsetTable: p, parseDicomDataSetExplicit: q, parseDicomDataSetImplicit: T, readFixedString: b, alloc: k, version: L, bigEndianByteArrayParser: N, ByteStream: J, sharedCopy: j, DataSet: w, findAndSetUNElementLength: y, findEndOfEncapsulatedElement: g, findItemDelimitationItemAndSetElementLength: x, littleEndianByteArrayParser: M, parseDicom: V, readDicomElementExplicit: B, readDicomElementImplicit: A, readEncapsulatedImageFrame: W, readEncapsulatedPixelData: K, readEncapsulatedPixelDataFromFragments: _, readPart10Header: G, readSequenceItemsExplicit: I, readSequenceItemsImplicit: F, readSequenceItem: S, readTag: h, LEI: "1.2.840.10008.1.2", LEE: "1.2.840.10008.1.2.1" };
      }], i = {}, n.m = a, n.c = i, n.d = function(e, t, r2) {
        n.o(e, t) || Object.defineProperty(e, t, { enumerable: true, get: r2 });
      }, n.r = function(e) {
        "undefined" != typeof Symbol && Symbol.toStringTag && Object.defineProperty(e, Symbol.toStringTag, { value: "Module" }), Object.defineProperty(e, "__esModule", { value: true });
      }, n.t = function(t, e) {
        if (1 & e && (t = n(t)), 8 & e) return t;
        if (4 & e && "object" == typeof t && t && t.__esModule) return t;
        var r2 = /* @__PURE__ */ Object.create(null);
        if (n.r(r2), Object.defineProperty(r2, "default", { enumerable: true, value: t }), 2 & e && "string" != typeof t) for (var a2 in t) n.d(r2, a2, function(e2) {
          return t[e2];
        }.bind(null, a2));
        return r2;
      }, n.n = function(e) {
        var t = e && e.__esModule ? function() {
          return e.default;
        } : function() {
          return e;
        };
        return n.d(t, "a", t), t;
      }, n.o = function(e, t) {
        return Object.prototype.hasOwnProperty.call(e, t);
      }, n.p = "", n(n.s = 1);
      function n(e) {
        if (i[e]) return i[e].exports;
        var t = i[e] = { i: e, l: false, exports: {} };
        return a[e].call(t.exports, t, t.exports, n), t.l = true, t.exports;
      }
      var a, i;
    });
  }
});

// actions/lib/render/render-worker.ts
import { parentPort } from "node:worker_threads";

// actions/lib/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
};
var InputError = class extends Error {
  constructor(code, file, reason) {
    super(`${file}: ${reason}`);
    this.code = code;
    this.file = file;
  }
  code;
  file;
  name = "InputError";
};
function messageOf(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  return "unknown error";
}

// actions/lib/schema/ct-presets.ts
var CT_PRESETS = {
  brain: { center: 40, width: 80 },
  subdural: { center: 75, width: 215 },
  stroke: { center: 40, width: 40 },
  bone: { center: 400, width: 1800 },
  lung: { center: -600, width: 1500 },
  mediastinum: { center: 50, width: 350 },
  abdomen: { center: 40, width: 400 },
  liver: { center: 30, width: 150 }
};

// actions/lib/dicom/modality-lut.ts
function modalityTransform(module) {
  if (module.modalityLut) {
    return { apply: lookup(module.modalityLut), resolved: { modalityLut: true } };
  }
  const slope = module.rescaleSlope;
  const intercept = module.rescaleIntercept;
  const apply = slope === 1 && intercept === 0 ? (v) => v : (v) => v * slope + intercept;
  return { apply, resolved: { rescale: { slope, intercept } } };
}
function lookup(lut) {
  const last = lut.data.length - 1;
  const first = lut.firstMapped;
  return (input) => {
    const index = Math.floor(input) - first;
    return lut.data[index <= 0 ? 0 : Math.min(index, last)];
  };
}

// actions/lib/dicom/stored-values.ts
function storedValueFunction(module) {
  const { bitsStored, highBit } = module;
  const signed = module.pixelRepresentation === 1;
  const shift = highBit + 1 - bitsStored;
  if (bitsStored === 32) return signed ? (raw) => raw | 0 : (raw) => raw >>> 0;
  const mask = 2 ** bitsStored - 1;
  const signBit = 2 ** (bitsStored - 1);
  const range = 2 ** bitsStored;
  if (!signed) return (raw) => (raw >>> shift & mask) >>> 0;
  return (raw) => {
    const v = (raw >>> shift & mask) >>> 0;
    return v >= signBit ? v - range : v;
  };
}

// actions/lib/dicom/colour.ts
function renderColour(frame, module) {
  if (frame.photometric === "PALETTE COLOR") return renderPalette(frame, module);
  const pixels = module.rows * module.columns;
  const bits = module.bitsStored;
  const sample = storedValueFunction({ bitsStored: bits, highBit: module.highBit, pixelRepresentation: 0 });
  const { values, planar } = frame;
  const at = planar ? (p, s) => values[s * pixels + p] : (p, s) => values[p * 3 + s];
  const top = 2 ** bits - 1;
  const toByte2 = bits === 8 ? (v) => Math.round(v) : (v) => Math.round(v * 255 / top);
  const data = new Uint8Array(pixels * 3);
  if (frame.photometric === "YBR_FULL") {
    const half = 2 ** (bits - 1);
    const clamp = (v) => v <= 0 ? 0 : Math.min(v, top);
    for (let p = 0; p < pixels; p++) {
      const y = sample(at(p, 0));
      const cb = sample(at(p, 1)) - half;
      const cr = sample(at(p, 2)) - half;
      data[p * 3] = toByte2(clamp(y + 1.402 * cr));
      data[p * 3 + 1] = toByte2(clamp(y - 0.344136 * cb - 0.714136 * cr));
      data[p * 3 + 2] = toByte2(clamp(y + 1.772 * cb));
    }
    return { data, resolved: { colour: "YBR_FULL" } };
  }
  for (let p = 0; p < pixels; p++) {
    data[p * 3] = toByte2(sample(at(p, 0)));
    data[p * 3 + 1] = toByte2(sample(at(p, 1)));
    data[p * 3 + 2] = toByte2(sample(at(p, 2)));
  }
  return { data, resolved: { colour: "RGB" } };
}
function renderPalette(frame, module) {
  const palette = module.palette;
  const pixels = module.rows * module.columns;
  const stored = storedValueFunction(module);
  const channel = (lut) => {
    const table = lookup(lut);
    const top = 2 ** lut.bits - 1;
    return lut.bits <= 8 ? (v) => Math.min(255, table(v)) : (v) => Math.round(table(v) * 255 / top);
  };
  const red = channel(palette.red);
  const green = channel(palette.green);
  const blue = channel(palette.blue);
  const data = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    const v = stored(frame.values[p]);
    data[p * 3] = red(v);
    data[p * 3 + 1] = green(v);
    data[p * 3 + 2] = blue(v);
  }
  return { data, resolved: { colour: "PALETTE COLOR" } };
}

// actions/lib/dicom/codecs/encoded-dimensions.ts
function encodedDimensions(bytes) {
  const u16 = (i) => (bytes[i] ?? 0) << 8 | (bytes[i + 1] ?? 0);
  const u32 = (i) => u16(i) * 65536 + u16(i + 2);
  for (let i = 0; i + 24 <= bytes.length && i < 4096; i++) {
    if (bytes[i] === 255 && bytes[i + 1] === 79 && bytes[i + 2] === 255 && bytes[i + 3] === 81) {
      const siz = i + 4;
      return { width: u32(siz + 4) - u32(siz + 12), height: u32(siz + 8) - u32(siz + 16) };
    }
  }
  if (bytes[0] !== 255 || bytes[1] !== 216) return void 0;
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 255) return void 0;
    const marker = bytes[at + 1];
    if (marker === 255) {
      at++;
      continue;
    }
    const isFrame = marker >= 192 && marker <= 207 && marker !== 196 && marker !== 200 && marker !== 204 || marker === 247;
    if (isFrame) return { height: u16(at + 5), width: u16(at + 7) };
    if (marker === 218 || marker === 217) return void 0;
    at += 2 + u16(at + 2);
  }
  return void 0;
}

// actions/lib/dicom/codecs/codec-output.ts
function codecFrameOutput(decoded, info, colourConverted) {
  return {
    values: samplesFromBytes(decoded, info),
    width: info.width,
    height: info.height,
    components: info.componentCount,
    planar: false,
    colourConverted
  };
}
function samplesFromBytes(decoded, info) {
  if (info.bitsPerSample <= 8) return decoded;
  const count = decoded.byteLength >> 1;
  return info.isSigned ? new Int16Array(decoded.buffer, decoded.byteOffset, count) : new Uint16Array(decoded.buffer, decoded.byteOffset, count);
}

// actions/lib/dicom/codecs/jpeg-markers.ts
function readJpegHeader(bytes) {
  if (bytes[0] !== 255 || bytes[1] !== 216) return void 0;
  let jfif = false;
  let adobeTransform;
  let exif = false;
  let icc = false;
  let header;
  let ids = [];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 255) return void 0;
    const marker = bytes[at + 1];
    if (marker === 255) {
      at++;
      continue;
    }
    if (marker === 216 || marker >= 208 && marker <= 215 || marker === 1) {
      at += 2;
      continue;
    }
    const length = bytes[at + 2] << 8 | bytes[at + 3];
    const body = at + 4;
    if (marker === 224 && text(bytes, body, 5) === "JFIF\0") jfif = true;
    if (marker === 225 && text(bytes, body, 4) === "Exif") exif = true;
    if (marker === 226 && text(bytes, body, 11) === "ICC_PROFILE") icc = true;
    if (marker === 238 && text(bytes, body, 5) === "Adobe" && length >= 12)
      adobeTransform = bytes[body + 11];
    if (marker >= 192 && marker <= 207 && marker !== 196 && marker !== 200 && marker !== 204) {
      const components = bytes[body + 5] ?? 0;
      header = {
        precision: bytes[body] ?? 0,
        components,
        sof: marker,
        height: (bytes[body + 1] ?? 0) << 8 | (bytes[body + 2] ?? 0),
        width: (bytes[body + 3] ?? 0) << 8 | (bytes[body + 4] ?? 0)
      };
      ids = Array.from({ length: components }, (_, i) => bytes[body + 6 + i * 3] ?? 0);
    }
    if (marker === 218 || marker === 217) break;
    at += 2 + length;
  }
  if (!header) return void 0;
  let ycbcr = false;
  if (header.components === 3) {
    if (jfif) ycbcr = true;
    else if (adobeTransform !== void 0) ycbcr = adobeTransform !== 0;
    else ycbcr = !(ids[0] === 82 && ids[1] === 71 && ids[2] === 66);
  }
  return { ...header, ycbcr, exif, icc };
}
function text(bytes, at, length) {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

// actions/lib/dicom/codecs/jpeg12.ts
var ZIGZAG = Int32Array.from([
  0,
  1,
  8,
  16,
  9,
  2,
  3,
  10,
  17,
  24,
  32,
  25,
  18,
  11,
  4,
  5,
  12,
  19,
  26,
  33,
  40,
  48,
  41,
  34,
  27,
  20,
  13,
  6,
  7,
  14,
  21,
  28,
  35,
  42,
  49,
  56,
  57,
  50,
  43,
  36,
  29,
  22,
  15,
  23,
  30,
  37,
  44,
  51,
  58,
  59,
  52,
  45,
  38,
  31,
  39,
  46,
  53,
  60,
  61,
  54,
  47,
  55,
  62,
  63
]);
function decodeJpeg12(bytes) {
  const quantTables = [];
  const dcTables = [];
  const acTables = [];
  let components = [];
  let precision = 0;
  let width = 0;
  let height = 0;
  let maxH = 1;
  let maxV = 1;
  let mcusPerLine = 0;
  let mcusPerColumn = 0;
  let restartInterval = 0;
  let at = 2;
  const u16 = (i) => bytes[i] << 8 | bytes[i + 1];
  if (u16(0) !== 65496) throw new Error("not a JPEG stream");
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 255) throw new Error("marker expected");
    const marker = bytes[at + 1];
    if (marker === 255) {
      at++;
      continue;
    }
    if (marker === 217) break;
    const length = u16(at + 2);
    const body = at + 4;
    const end = at + 2 + length;
    if (end > bytes.length) throw new Error("segment runs past the end");
    switch (marker) {
      case 219: {
        for (let p = body; p < end; ) {
          const sixteen = bytes[p] >> 4;
          const table = new Int32Array(64);
          for (let k = 0; k < 64; k++) table[k] = sixteen ? u16(p + 1 + k * 2) : bytes[p + 1 + k];
          quantTables[bytes[p] & 15] = table;
          p += 1 + 64 * (sixteen ? 2 : 1);
        }
        break;
      }
      case 196: {
        for (let p = body; p < end; ) {
          const tableClass = bytes[p] >> 4;
          const id = bytes[p] & 15;
          const counts = bytes.subarray(p + 1, p + 17);
          const total = counts.reduce((a, b) => a + b, 0);
          const table = buildHuffman(counts, bytes.subarray(p + 17, p + 17 + total));
          (tableClass === 0 ? dcTables : acTables)[id] = table;
          p += 17 + total;
        }
        break;
      }
      case 221:
        restartInterval = u16(body);
        break;
      case 192:
      case 193: {
        precision = bytes[body];
        if (precision !== 8 && precision !== 12 && !(precision === 16 && bytes[body + 5] === 1)) {
          throw new Error("DCT precision must be 8 or 12 bits (16 for grey)");
        }
        height = u16(body + 1);
        width = u16(body + 3);
        const count = bytes[body + 5];
        components = [];
        for (let i = 0; i < count; i++) {
          const p = body + 6 + i * 3;
          components.push({
            id: bytes[p],
            h: bytes[p + 1] >> 4 || 1,
            v: bytes[p + 1] & 15 || 1,
            quantTable: bytes[p + 2],
            blocksPerLine: 0,
            blocksPerColumn: 0,
            plane: new Float64Array(0),
            planeWidth: 0,
            dcPredictor: 0
          });
        }
        if (width === 0 || height === 0) throw new Error("frame size missing (DNL is not supported)");
        maxH = Math.max(...components.map((c) => c.h));
        maxV = Math.max(...components.map((c) => c.v));
        mcusPerLine = Math.ceil(width / (8 * maxH));
        mcusPerColumn = Math.ceil(height / (8 * maxV));
        for (const c of components) {
          c.blocksPerLine = Math.ceil(Math.ceil(width * c.h / maxH) / 8);
          c.blocksPerColumn = Math.ceil(Math.ceil(height * c.v / maxV) / 8);
          c.planeWidth = mcusPerLine * c.h * 8;
          c.plane = new Float64Array(c.planeWidth * mcusPerColumn * c.v * 8);
        }
        break;
      }
      case 218: {
        if (components.length === 0) throw new Error("scan before frame header");
        const count = bytes[body];
        const scan = [];
        for (let i = 0; i < count; i++) {
          const id = bytes[body + 1 + i * 2];
          const tables = bytes[body + 2 + i * 2];
          const c = components.find((k) => k.id === id);
          if (!c) throw new Error("scan names an unknown component");
          c.dcTable = dcTables[tables >> 4];
          c.acTable = acTables[tables & 15];
          if (!c.dcTable || !c.acTable) throw new Error("scan uses an undefined Huffman table");
          scan.push(c);
        }
        at = decodeScan(
          bytes,
          end,
          scan,
          quantTables,
          restartInterval,
          mcusPerLine,
          mcusPerColumn,
          precision
        );
        continue;
      }
      default:
        if (marker >= 194 && marker <= 207 && marker !== 196 && marker !== 200 && marker !== 204) {
          throw new Error("only sequential Huffman JPEG is supported");
        }
    }
    at = end;
  }
  if (components.length === 0) throw new Error("no frame");
  const top = 2 ** precision - 1;
  const values = new Uint16Array(width * height * components.length);
  components.forEach((c, index) => {
    const sx = maxH / c.h;
    const sy = maxV / c.v;
    for (let y = 0; y < height; y++) {
      const row = Math.floor(y / sy) * c.planeWidth;
      for (let x = 0; x < width; x++) {
        const v = Math.round(c.plane[row + Math.floor(x / sx)]);
        values[(y * width + x) * components.length + index] = v < 0 ? 0 : Math.min(v, top);
      }
    }
  });
  return { values, width, height, components: components.length, planar: false, colourConverted: false };
}
function buildHuffman(counts, values) {
  const maxCode = new Int32Array(18).fill(-1);
  const valuePointer = new Int32Array(17);
  const minCode = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1];
    valuePointer[length] = k;
    minCode[length] = code;
    code += n;
    k += n;
    maxCode[length] = n ? code - 1 : -1;
    code <<= 1;
  }
  return { maxCode, valuePointer, minCode, values: values.slice() };
}
function decodeScan(bytes, start, scan, quantTables, restartInterval, mcusPerLine, mcusPerColumn, precision) {
  let at = start;
  let bitBuffer = 0;
  let bitCount = 0;
  let hitMarker = false;
  const readBit = () => {
    if (bitCount === 0) {
      if (hitMarker || at >= bytes.length) return 0;
      const byte = bytes[at];
      if (byte === 255) {
        const next = bytes[at + 1];
        if (next === 0) {
          at += 2;
        } else {
          hitMarker = true;
          return 0;
        }
      } else {
        at++;
      }
      bitBuffer = byte;
      bitCount = 8;
    }
    bitCount--;
    return bitBuffer >> bitCount & 1;
  };
  const receive = (length) => {
    let v = 0;
    for (let i = 0; i < length; i++) v = v << 1 | readBit();
    return v;
  };
  const extend = (v, length) => v < 1 << length - 1 ? v - (1 << length) + 1 : v;
  const decodeHuffman = (table) => {
    let code = 0;
    for (let length = 1; length <= 16; length++) {
      code = code << 1 | readBit();
      if (code <= table.maxCode[length])
        return table.values[table.valuePointer[length] + code - table.minCode[length]];
    }
    throw new Error("bad Huffman code");
  };
  const coefficients = new Float64Array(64);
  const workspace = new Float64Array(64);
  const decodeBlock = (c, blockRow, blockColumn) => {
    const q = quantTables[c.quantTable];
    if (!q) throw new Error("undefined quantisation table");
    coefficients.fill(0);
    const t = decodeHuffman(c.dcTable);
    c.dcPredictor += t === 0 ? 0 : extend(receive(t), t);
    coefficients[0] = c.dcPredictor * q[0];
    for (let k = 1; k < 64; ) {
      const rs = decodeHuffman(c.acTable);
      const r = rs >> 4;
      const s = rs & 15;
      if (s === 0) {
        if (r !== 15) break;
        k += 16;
        continue;
      }
      k += r;
      if (k > 63) break;
      coefficients[ZIGZAG[k]] = extend(receive(s), s) * q[k];
      k++;
    }
    idctIslow(
      coefficients,
      workspace,
      c.plane,
      blockRow * 8 * c.planeWidth + blockColumn * 8,
      c.planeWidth,
      precision
    );
  };
  const restart = () => {
    bitCount = 0;
    hitMarker = false;
    while (at + 1 < bytes.length && !(bytes[at] === 255 && bytes[at + 1] >= 208 && bytes[at + 1] <= 215))
      at++;
    at += 2;
    for (const c of scan) c.dcPredictor = 0;
  };
  for (const c of scan) c.dcPredictor = 0;
  const single = scan.length === 1 ? scan[0] : void 0;
  const total = single ? single.blocksPerLine * single.blocksPerColumn : mcusPerLine * mcusPerColumn;
  for (let mcu = 0; mcu < total; mcu++) {
    if (restartInterval && mcu > 0 && mcu % restartInterval === 0) restart();
    if (single) {
      decodeBlock(single, Math.floor(mcu / single.blocksPerLine), mcu % single.blocksPerLine);
      continue;
    }
    const row = Math.floor(mcu / mcusPerLine);
    const column = mcu % mcusPerLine;
    for (const c of scan) {
      for (let v = 0; v < c.v; v++) {
        for (let h = 0; h < c.h; h++) decodeBlock(c, row * c.v + v, column * c.h + h);
      }
    }
  }
  while (at + 1 < bytes.length && !(bytes[at] === 255 && bytes[at + 1] !== 0 && !(bytes[at + 1] >= 208 && bytes[at + 1] <= 215))) {
    at++;
  }
  return at;
}
var CONST_BITS = 13;
var F_0_298631336 = 2446;
var F_0_390180644 = 3196;
var F_0_541196100 = 4433;
var F_0_765366865 = 6270;
var F_0_899976223 = 7373;
var F_1_175875602 = 9633;
var F_1_501321110 = 12299;
var F_1_847759065 = 15137;
var F_1_961570560 = 16069;
var F_2_053119869 = 16819;
var F_2_562915447 = 20995;
var F_3_072711026 = 25172;
var descale = (x, n) => Math.floor((x + 2 ** (n - 1)) / 2 ** n);
function idctIslow(input, ws, out, origin, stride, precision) {
  const pass1 = precision <= 8 ? 2 : 1;
  const center = 2 ** (precision - 1);
  const top = 2 ** precision - 1;
  const butterfly = (get, put, shift, evenShift) => {
    let z2 = get(2);
    let z3 = get(6);
    let z1 = (z2 + z3) * F_0_541196100;
    const t2 = z1 - z3 * F_1_847759065;
    const t3 = z1 + z2 * F_0_765366865;
    z2 = get(0);
    z3 = get(4);
    const t0 = (z2 + z3) * 2 ** evenShift;
    const t1 = (z2 - z3) * 2 ** evenShift;
    const t10 = t0 + t3;
    const t13 = t0 - t3;
    const t11 = t1 + t2;
    const t12 = t1 - t2;
    let o0 = get(7);
    let o1 = get(5);
    let o2 = get(3);
    let o3 = get(1);
    z1 = o0 + o3;
    z2 = o1 + o2;
    z3 = o0 + o2;
    let z4 = o1 + o3;
    const z5 = (z3 + z4) * F_1_175875602;
    o0 *= F_0_298631336;
    o1 *= F_2_053119869;
    o2 *= F_3_072711026;
    o3 *= F_1_501321110;
    z1 *= -F_0_899976223;
    z2 *= -F_2_562915447;
    z3 = z3 * -F_1_961570560 + z5;
    z4 = z4 * -F_0_390180644 + z5;
    o0 += z1 + z3;
    o1 += z2 + z4;
    o2 += z2 + z3;
    o3 += z1 + z4;
    put(0, descale(t10 + o3, shift));
    put(7, descale(t10 - o3, shift));
    put(1, descale(t11 + o2, shift));
    put(6, descale(t11 - o2, shift));
    put(2, descale(t12 + o1, shift));
    put(5, descale(t12 - o1, shift));
    put(3, descale(t13 + o0, shift));
    put(4, descale(t13 - o0, shift));
  };
  for (let col = 0; col < 8; col++) {
    butterfly(
      (k) => input[k * 8 + col],
      (k, v) => {
        ws[k * 8 + col] = v;
      },
      CONST_BITS - pass1,
      CONST_BITS
    );
  }
  for (let row = 0; row < 8; row++) {
    const base = origin + row * stride;
    butterfly(
      (k) => ws[row * 8 + k],
      (k, v) => {
        const sample = v + center;
        out[base + k] = sample < 0 ? 0 : Math.min(sample, top);
      },
      CONST_BITS + pass1 + 3,
      CONST_BITS
    );
  }
}

// actions/lib/dicom/codecs/wasm-codec.ts
import { createRequire } from "node:module";
var silent = () => {
};
var require2 = createRequire(import.meta.url);
function lazyCodec(loadFactory, wasmSpecifier) {
  let loading;
  return () => {
    loading ??= loadFactory().then((mod) => {
      const factory = mod.default;
      let wasmPath;
      try {
        wasmPath = require2.resolve(wasmSpecifier);
      } catch {
        wasmPath = void 0;
      }
      const locateFile = wasmPath ? (path2, prefix) => path2.endsWith(".wasm") ? wasmPath : prefix + path2 : void 0;
      return factory({ locateFile, print: silent, printErr: silent });
    });
    loading.catch(() => {
      loading = void 0;
    });
    return loading;
  };
}
function decodeWith(module, className, encoded) {
  const Decoder2 = module[className];
  if (!Decoder2) throw new Error(`codec class ${className} missing`);
  const decoder = new Decoder2();
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = decoder.getFrameInfo();
    const view = decoder.getDecodedBuffer();
    const decoded = new Uint8Array(view.length);
    decoded.set(view);
    return { info: { ...info }, decoded };
  } finally {
    decoder.delete();
  }
}

// actions/lib/dicom/codecs/jpeg.ts
var libjpegTurbo = lazyCodec(
  () => import("@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs"),
  "@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm"
);
function ycbcrToRgb(values, precision) {
  const half = 2 ** (precision - 1);
  const top = 2 ** precision - 1;
  const clamp = (v) => Math.min(top, Math.max(0, Math.round(v)));
  for (let i = 0; i + 2 < values.length; i += 3) {
    const y = values[i];
    const cb = values[i + 1] - half;
    const cr = values[i + 2] - half;
    values[i] = clamp(y + 1.402 * cr);
    values[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    values[i + 2] = clamp(y + 1.772 * cb);
  }
}
async function decodeJpeg(bytes) {
  const header = readJpegHeader(bytes);
  if (!header) throw new Error("not a JPEG stream");
  if (header.precision > 8) {
    const output = decodeJpeg12(bytes);
    if (output.components === 3 && header.ycbcr) ycbcrToRgb(output.values, header.precision);
    return { ...output, colourConverted: output.components === 3 && header.ycbcr };
  }
  const { info, decoded } = decodeWith(await libjpegTurbo(), "JPEGDecoder", bytes);
  return codecFrameOutput(decoded, info, info.componentCount === 3 && header.ycbcr);
}

// actions/lib/dicom/codecs/jpeg-lossless.ts
import { Decoder } from "jpeg-lossless-decoder-js";
function decodeJpegLossless(bytes, rows, columns, bitsAllocated) {
  const header = readJpegHeader(bytes);
  if (!header) throw new Error("not a JPEG stream");
  const bytesPerSample = bitsAllocated <= 8 ? 1 : 2;
  const copy = bytes.slice();
  const out = new Decoder().decode(copy.buffer, 0, copy.byteLength, bytesPerSample);
  const values = bytesPerSample === 1 ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : new Uint16Array(out.buffer, out.byteOffset, out.byteLength >> 1);
  return {
    values,
    width: columns,
    height: rows,
    components: header.components,
    planar: false,
    colourConverted: false
  };
}

// actions/lib/dicom/codecs/jpeg-ls.ts
var charls = lazyCodec(
  () => import("@cornerstonejs/codec-charls/decodewasmjs"),
  "@cornerstonejs/codec-charls/decodewasm"
);
async function decodeJpegLs(bytes, signed) {
  const { info, decoded } = decodeWith(await charls(), "JpegLSDecoder", bytes);
  return codecFrameOutput(decoded, { ...info, isSigned: signed }, false);
}

// actions/lib/dicom/codecs/jpeg2000.ts
var openjpeg = lazyCodec(
  () => import("@cornerstonejs/codec-openjpeg/decodewasmjs"),
  "@cornerstonejs/codec-openjpeg/decodewasm"
);
async function decodeJpeg2000(bytes) {
  const { info, decoded } = decodeWith(await openjpeg(), "J2KDecoder", bytes);
  return codecFrameOutput(decoded, info, info.componentCount === 3);
}

// actions/lib/dicom/codecs/rle.ts
function decodeRle(bytes, rows, columns, samplesPerPixel, bitsAllocated) {
  if (bytes.length < 64) throw new Error("RLE header is short");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments = view.getUint32(0, true);
  const bytesPerSample = bitsAllocated / 8;
  if (segments !== samplesPerPixel * bytesPerSample)
    throw new Error("RLE segment count does not match the pixel module");
  const pixels = rows * columns;
  const planeCount = samplesPerPixel * pixels;
  const values = bytesPerSample === 1 ? new Uint8Array(planeCount) : bytesPerSample === 2 ? new Uint16Array(planeCount) : new Uint32Array(planeCount);
  const segment = new Uint8Array(pixels);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + s * 4, true);
    const end = s + 1 < segments ? view.getUint32(8 + s * 4, true) : bytes.length;
    if (start < 64 || start > bytes.length || end < start || end > bytes.length)
      throw new Error("RLE segment offset out of range");
    if (unpackBits(bytes, start, end, segment) < pixels)
      throw new Error("RLE segment is shorter than the frame");
    const sample = Math.floor(s / bytesPerSample);
    const shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
    const base = sample * pixels;
    if (bytesPerSample === 1) {
      values.set(segment, base);
    } else {
      for (let p = 0; p < pixels; p++) values[base + p] = (values[base + p] | segment[p] << shift) >>> 0;
    }
  }
  return {
    values,
    width: columns,
    height: rows,
    components: samplesPerPixel,
    planar: true,
    colourConverted: false
  };
}
function unpackBits(bytes, start, end, out) {
  out.fill(0);
  let at = start;
  let o = 0;
  while (at < end && o < out.length) {
    const n = bytes[at++];
    if (n < 128) {
      const count = Math.min(n + 1, out.length - o, end - at);
      out.set(bytes.subarray(at, at + count), o);
      o += count;
      at += n + 1;
    } else if (n > 128) {
      if (at >= end) break;
      const count = Math.min(257 - n, out.length - o);
      out.fill(bytes[at], o, o + count);
      o += count;
      at++;
    } else {
      at++;
    }
  }
  return o;
}

// actions/lib/dicom/frame-data.ts
var import_dicom_parser = __toESM(require_dicomParser_min(), 1);
function nativeValuesPerFrame(module) {
  const pixels = module.rows * module.columns;
  return module.photometric === "YBR_FULL_422" ? pixels * 2 : pixels * module.samplesPerPixel;
}
function frameData(file, dataSet, module, syntax, frame) {
  const element = dataSet.elements.x7fe00010 ?? dataSet.elements.x7fe00008 ?? dataSet.elements.x7fe00009;
  if (!element) throw new InputError("dicom/no-pixel-data", file, "the file has no Pixel Data (7FE0,0010)");
  if (module.floatPixels && syntax.encoding !== "native") {
    throw new InputError(
      "dicom/bad-pixel-data",
      file,
      `float pixel data cannot be encapsulated (${syntax.name})`
    );
  }
  if (!Number.isInteger(frame) || frame < 0 || frame >= module.numberOfFrames) {
    throw new InputError(
      "dicom/frame-out-of-range",
      file,
      `frame ${frame} does not exist (the file has ${module.numberOfFrames} frame${module.numberOfFrames === 1 ? "" : "s"})`
    );
  }
  const available = dataSet.byteArray.length - element.dataOffset;
  if (syntax.encoding === "native") return nativeFrame(file, dataSet, element, module, frame, available);
  return encapsulatedFrame(file, dataSet, element, module, frame);
}
function nativeFrame(file, dataSet, element, module, frame, available) {
  if (element.encapsulatedPixelData) {
    throw new InputError(
      "dicom/bad-pixel-data",
      file,
      "pixel data is encapsulated but the transfer syntax is native"
    );
  }
  const length = Math.min(element.length, available);
  const values = nativeValuesPerFrame(module);
  if (module.bitsAllocated === 1) {
    const totalBits = values * module.numberOfFrames;
    if (length * 8 < totalBits) throw truncated(file, Math.ceil(totalBits / 8), length);
    const startBit = values * frame;
    const start2 = element.dataOffset + Math.floor(startBit / 8);
    const end = element.dataOffset + Math.ceil((startBit + values) / 8);
    return { bytes: dataSet.byteArray.subarray(start2, end), bitOffset: startBit % 8 };
  }
  const frameBytes = values * (module.bitsAllocated / 8);
  const expected = frameBytes * module.numberOfFrames;
  if (length < expected) throw truncated(file, expected, length);
  const start = element.dataOffset + frame * frameBytes;
  return { bytes: dataSet.byteArray.subarray(start, start + frameBytes), bitOffset: 0 };
}
function truncated(file, expected, actual) {
  return new InputError(
    "dicom/truncated",
    file,
    `Pixel Data holds ${actual} bytes but Rows \xD7 Columns \xD7 samples \xD7 frames needs ${expected}`
  );
}
function startsCodestream(head) {
  if (head[0] === 255 && head[1] === 216) return true;
  if (head[0] === 255 && head[1] === 79 && head[2] === 255 && head[3] === 81) return true;
  return head[3] === 12 && head[4] === 106 && head[5] === 80 && head[6] === 32 && head[7] === 32;
}
function encapsulatedFrame(file, dataSet, element, module, frame) {
  const fragments = element.fragments ?? [];
  if (!element.encapsulatedPixelData || fragments.length === 0) {
    throw new InputError("dicom/bad-pixel-data", file, "encapsulated pixel data has no fragments");
  }
  const end = dataSet.byteArray.length;
  for (const fragment of fragments) {
    if (fragment.position + fragment.length > end) {
      throw new InputError("dicom/truncated", file, "a pixel data fragment runs past the end of the file");
    }
  }
  try {
    let bytes;
    const table = element.basicOffsetTable ?? [];
    if (table.length > 0) {
      if (table.length !== module.numberOfFrames) throw new Error("offset table size");
      bytes = import_dicom_parser.default.readEncapsulatedImageFrame(dataSet, element, frame, table, fragments);
    } else if (fragments.length === module.numberOfFrames) {
      bytes = import_dicom_parser.default.readEncapsulatedPixelDataFromFragments(dataSet, element, frame, 1, fragments);
    } else if (module.numberOfFrames === 1) {
      bytes = import_dicom_parser.default.readEncapsulatedPixelDataFromFragments(
        dataSet,
        element,
        0,
        fragments.length,
        fragments
      );
    } else {
      const starts = fragments.flatMap(
        (fragment, i) => startsCodestream(dataSet.byteArray.subarray(fragment.position, fragment.position + 12)) ? [i] : []
      );
      if (starts.length !== module.numberOfFrames || starts[0] !== 0) throw new Error("frame boundaries");
      const first = starts[frame];
      const count = (starts[frame + 1] ?? fragments.length) - first;
      bytes = import_dicom_parser.default.readEncapsulatedPixelDataFromFragments(dataSet, element, first, count, fragments);
    }
    return { bytes, bitOffset: 0 };
  } catch {
    throw new InputError(
      "dicom/bad-pixel-data",
      file,
      "cannot find the frame in the encapsulated pixel data"
    );
  }
}

// actions/lib/dicom/read-dicom.ts
var import_dicom_parser2 = __toESM(require_dicomParser_min(), 1);
import { closeSync, fstatSync, openSync, read, readSync } from "node:fs";
import { promisify } from "node:util";
import { createInflateRaw, inflateRawSync } from "node:zlib";

// actions/lib/dicom/count-elements.ts
var LONG_VRS = /* @__PURE__ */ new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]);
function exceedsElementLimit(bytes, start, syntax, limit) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = start;
  let count = 0;
  while (pos + 8 <= bytes.length) {
    if (++count > limit) return true;
    const le = syntax.littleEndian || view.getUint16(pos, true) === 2;
    const group = view.getUint16(pos, le);
    let length;
    let header = 8;
    const a = bytes[pos + 4];
    const b = bytes[pos + 5];
    const vr = String.fromCharCode(a, b);
    if (group === 65534 || !syntax.explicitVr || !(a >= 65 && a <= 90 && b >= 65 && b <= 90)) {
      length = view.getUint32(pos + 4, le);
    } else if (LONG_VRS.has(vr)) {
      if (pos + 12 > bytes.length) return false;
      header = 12;
      length = view.getUint32(pos + 8, le);
    } else {
      length = view.getUint16(pos + 6, le);
    }
    const into = length === 4294967295 || vr === "SQ" || group === 65534;
    pos += header + (into ? 0 : length);
  }
  return false;
}

// actions/lib/dicom/transfer-syntaxes.ts
var entry = (uid, name, encoding, flags = {}) => ({
  uid,
  name,
  encoding,
  littleEndian: true,
  explicitVr: true,
  deflated: false,
  ...flags
});
var P = "1.2.840.10008.1.2";
var TABLE = [
  entry(P, "Implicit VR Little Endian", "native", { explicitVr: false }),
  entry(`${P}.1`, "Explicit VR Little Endian", "native"),
  entry(`${P}.1.98`, "Encapsulated Uncompressed Explicit VR Little Endian", "encapsulated-native"),
  entry(`${P}.1.99`, "Deflated Explicit VR Little Endian", "native", { deflated: true }),
  entry(`${P}.2`, "Explicit VR Big Endian", "native", { littleEndian: false }),
  entry(`${P}.5`, "RLE Lossless", "rle"),
  entry(`${P}.4.50`, "JPEG Baseline (Process 1)", "jpeg"),
  entry(`${P}.4.51`, "JPEG Extended (Process 2 & 4)", "jpeg"),
  ...[52, 53, 54, 55, 56, 58, 59, 60, 61, 62, 63, 64, 65, 66].map(
    (n) => entry(`${P}.4.${n}`, `JPEG (retired process, ${P}.4.${n})`)
  ),
  entry(`${P}.4.57`, "JPEG Lossless, Non-Hierarchical (Process 14)", "jpeg-lossless"),
  entry(
    `${P}.4.70`,
    "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1)",
    "jpeg-lossless"
  ),
  entry(`${P}.4.80`, "JPEG-LS Lossless Image Compression", "jpeg-ls"),
  entry(`${P}.4.81`, "JPEG-LS Lossy (Near-Lossless) Image Compression", "jpeg-ls"),
  entry(`${P}.4.90`, "JPEG 2000 Image Compression (Lossless Only)", "jpeg2000"),
  entry(`${P}.4.91`, "JPEG 2000 Image Compression", "jpeg2000"),
  entry(`${P}.4.92`, "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)"),
  entry(`${P}.4.93`, "JPEG 2000 Part 2 Multi-component Image Compression"),
  entry(`${P}.4.94`, "JPIP Referenced"),
  entry(`${P}.4.95`, "JPIP Referenced Deflate"),
  entry(`${P}.4.100`, "MPEG2 Main Profile / Main Level"),
  entry(`${P}.4.100.1`, "Fragmentable MPEG2 Main Profile / Main Level"),
  entry(`${P}.4.101`, "MPEG2 Main Profile / High Level"),
  entry(`${P}.4.101.1`, "Fragmentable MPEG2 Main Profile / High Level"),
  entry(`${P}.4.102`, "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
  entry(`${P}.4.102.1`, "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1"),
  entry(`${P}.4.103`, "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1"),
  entry(`${P}.4.103.1`, "Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1"),
  entry(`${P}.4.104`, "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video"),
  entry(`${P}.4.104.1`, "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video"),
  entry(`${P}.4.105`, "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video"),
  entry(`${P}.4.105.1`, "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video"),
  entry(`${P}.4.106`, "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2"),
  entry(`${P}.4.106.1`, "Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2"),
  entry(`${P}.4.107`, "HEVC/H.265 Main Profile / Level 5.1"),
  entry(`${P}.4.108`, "HEVC/H.265 Main 10 Profile / Level 5.1"),
  entry(`${P}.4.110`, "JPEG XL Lossless"),
  entry(`${P}.4.111`, "JPEG XL JPEG Recompression"),
  entry(`${P}.4.112`, "JPEG XL"),
  // OpenJPEG (2.5 and later) decodes HTJ2K codestreams too.
  entry(`${P}.4.201`, "High-Throughput JPEG 2000 Image Compression (Lossless Only)", "jpeg2000"),
  entry(
    `${P}.4.202`,
    "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)",
    "jpeg2000"
  ),
  entry(`${P}.4.203`, "High-Throughput JPEG 2000 Image Compression", "jpeg2000"),
  entry(`${P}.4.204`, "JPIP HTJ2K Referenced"),
  entry(`${P}.4.205`, "JPIP HTJ2K Referenced Deflate"),
  entry(`${P}.6.1`, "RFC 2557 MIME encapsulation"),
  entry(`${P}.6.2`, "XML Encoding"),
  entry(`${P}.7.1`, "SMPTE ST 2110-20 Uncompressed Progressive Active Video"),
  entry(`${P}.7.2`, "SMPTE ST 2110-20 Uncompressed Interlaced Active Video"),
  entry(`${P}.7.3`, "SMPTE ST 2110-30 PCM Digital Audio"),
  entry("1.2.840.113619.5.2", "GE Private Implicit VR Big Endian", void 0, {
    littleEndian: false,
    explicitVr: false
  })
];
var BY_UID = new Map(TABLE.map((syntax) => [syntax.uid, syntax]));
function lookupTransferSyntax(uid) {
  return BY_UID.get(uid);
}
function describeTransferSyntax(uid) {
  const known = BY_UID.get(uid);
  if (known) return `${known.name} (${known.uid})`;
  return /^[0-9]+(\.[0-9]+)*$/.test(uid) && uid.length <= 64 ? `unknown transfer syntax ${uid}` : "a transfer syntax UID that is not well formed";
}

// actions/lib/dicom/read-dicom.ts
var DEFAULT_DICOM_LIMITS = {
  maxFileBytes: 2 ** 31 - 1,
  maxInflatedBytes: 512 * 1024 * 1024,
  maxFrameBytes: 1024 * 1024 * 1024,
  maxFrames: 1e5,
  // Real files hold thousands (a large RT structure set some hundred thousand).
  maxElements: 1e6
};
async function readDicom(file, limits = DEFAULT_DICOM_LIMITS) {
  let bytes;
  try {
    bytes = await readWhole(file, limits);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      "dicom/unreadable",
      file,
      `cannot read the file (${error.code ?? "I/O error"})`
    );
  }
  const header = readMetaHeader(file, bytes);
  let inflated;
  if (header.transferSyntax.deflated) {
    const size = await refuseInflatingPastLimit(file, bytes, header.start, limits.maxInflatedBytes);
    if (size !== void 0) inflated = await inflateInto(bytes, header.start, size);
  }
  return parseDataSet(file, bytes, header, limits, inflated);
}
async function inflateInto(bytes, position, size) {
  const full = new Uint8Array(position + size);
  full.set(bytes.subarray(0, position));
  let at = position;
  const ok = await new Promise((resolve2) => {
    const stream = createInflateRaw({ chunkSize: 1 << 20 });
    stream.on("data", (chunk2) => {
      if (at + chunk2.length > full.length) {
        stream.destroy();
        resolve2(false);
        return;
      }
      full.set(chunk2, at);
      at += chunk2.length;
    });
    stream.on("end", () => resolve2(at === full.length));
    stream.on("error", () => resolve2(false));
    stream.end(bytes.subarray(position));
  });
  return ok ? full : void 0;
}
async function refuseInflatingPastLimit(file, bytes, position, cap) {
  let inflated = 0;
  let corrupt = false;
  const tooLarge = await new Promise((resolve2) => {
    const stream = createInflateRaw({ chunkSize: 1 << 20 });
    stream.on("data", (chunk2) => {
      inflated += chunk2.length;
      if (inflated > cap) {
        stream.destroy();
        resolve2(true);
      }
    });
    stream.on("end", () => resolve2(false));
    stream.on("error", () => {
      corrupt = true;
      resolve2(false);
    });
    stream.end(bytes.subarray(position));
  });
  if (tooLarge) throw inflatesPastLimit(file, cap);
  return corrupt ? void 0 : inflated;
}
function inflatesPastLimit(file, cap) {
  return new InputError("dicom/too-large", file, `the deflated data set inflates past the ${cap}-byte limit`);
}
var SYNC_READ_BYTES = 64 * 1024 * 1024;
var readAsync = promisify(read);
async function readWhole(file, limits) {
  const fd = openSync(file, "r");
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new InputError("dicom/not-a-file", file, "not a regular file");
    if (info.size > limits.maxFileBytes) {
      throw new InputError(
        "dicom/too-large",
        file,
        `file is larger than the ${limits.maxFileBytes}-byte limit`
      );
    }
    const buffer = Buffer.allocUnsafeSlow(info.size);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, info.size);
    const sync = info.size <= SYNC_READ_BYTES;
    let filled = 0;
    while (filled < bytes.length) {
      const length = bytes.length - filled;
      const count = sync ? readSync(fd, bytes, filled, length, filled) : (await readAsync(fd, bytes, filled, length, filled)).bytesRead;
      if (count === 0) break;
      filled += count;
    }
    return bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
function readMetaHeader(file, bytes) {
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== "DICM") {
    throw new InputError(
      "dicom/not-dicom",
      file,
      'not a DICOM Part 10 file (no "DICM" marker after the 128-byte preamble)'
    );
  }
  let meta;
  try {
    meta = import_dicom_parser2.default.readPart10Header(bytes);
  } catch (error) {
    throw parserError(file, error, "file meta header");
  }
  const uidElement = meta.elements.x00020010;
  if (!uidElement || uidElement.length === 0) {
    throw new InputError(
      "dicom/missing-transfer-syntax",
      file,
      "the file meta header has no transfer syntax UID (0002,0010)"
    );
  }
  const uid = guardParser(file, () => meta.string("x00020010") ?? "").replace(/\0/g, "").trim();
  const transferSyntax = lookupTransferSyntax(uid);
  if (!transferSyntax?.encoding) {
    throw new InputError(
      "dicom/unsupported-transfer-syntax",
      file,
      `cannot decode pixel data in ${describeTransferSyntax(uid)}`
    );
  }
  return { meta, uid, transferSyntax, start: meta.position };
}
function parseDataSet(file, bytes, { meta, uid, transferSyntax, start }, limits, inflated) {
  if (!transferSyntax.deflated && exceedsElementLimit(bytes, start, transferSyntax, limits.maxElements)) {
    throw tooManyElements(file, limits.maxElements);
  }
  let dataSet;
  try {
    if (transferSyntax.explicitVr && !transferSyntax.deflated && !looksExplicit(bytes, start)) {
      return { dataSet: checkedExtents(file, parseImplicitAfterMeta(bytes, meta, start)), transferSyntax };
    }
    dataSet = import_dicom_parser2.default.parseDicom(bytes, {
      TransferSyntaxUID: uid,
      inflater: (array, position) => {
        const full = inflated ?? inflateCapped(file, array, position, limits.maxInflatedBytes);
        if (exceedsElementLimit(full, position, transferSyntax, limits.maxElements))
          throw tooManyElements(file, limits.maxElements);
        return full;
      }
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw parserError(file, error, "data set");
  }
  return { dataSet: checkedExtents(file, dataSet), transferSyntax };
}
function checkedExtents(file, dataSet) {
  const end = dataSet.byteArray.length;
  for (const element of Object.values(dataSet.elements)) {
    if (element.hadUndefinedLength || element.length === void 0 || element.length === 4294967295) continue;
    if (element.dataOffset + element.length > end) {
      throw new InputError("dicom/truncated", file, "the data set ends early (truncated file)");
    }
  }
  return dataSet;
}
function looksExplicit(bytes, start) {
  if (start + 6 > bytes.length) return true;
  const isLetter = (b) => b >= 65 && b <= 90;
  return isLetter(bytes[start + 4]) && isLetter(bytes[start + 5]);
}
function parseImplicitAfterMeta(bytes, meta, start) {
  const parser = import_dicom_parser2.default.littleEndianByteArrayParser;
  const DataSetClass = import_dicom_parser2.default.DataSet;
  const dataSet = new DataSetClass(parser, bytes, {});
  const stream = new import_dicom_parser2.default.ByteStream(parser, bytes, start);
  import_dicom_parser2.default.parseDicomDataSetImplicit(dataSet, stream, bytes.length);
  Object.assign(dataSet.elements, meta.elements);
  const pixels = dataSet.elements.x7fe00010;
  if (pixels?.hadUndefinedLength && !pixels.encapsulatedPixelData) {
    pixels.encapsulatedPixelData = true;
    pixels.items = void 0;
    import_dicom_parser2.default.findEndOfEncapsulatedElement(
      new import_dicom_parser2.default.ByteStream(parser, bytes, pixels.dataOffset),
      pixels,
      []
    );
  }
  return dataSet;
}
function tooManyElements(file, limit) {
  return new InputError("dicom/too-large", file, `the data set holds more than ${limit} elements`);
}
function inflateCapped(file, array, position, cap) {
  let inflated;
  try {
    inflated = inflateRawSync(array.subarray(position), { maxOutputLength: cap });
  } catch (error) {
    if (error instanceof RangeError || /maxOutputLength|buffer/i.test(messageOf(error))) {
      throw inflatesPastLimit(file, cap);
    }
    throw new InputError("dicom/truncated", file, "the deflated data set is corrupt or cut short");
  }
  const full = new Uint8Array(position + inflated.length);
  full.set(array.subarray(0, position));
  full.set(inflated, position);
  return full;
}
function isParserFailure(error) {
  if (typeof error === "string") return true;
  if (error !== null && typeof error === "object" && "exception" in error) return true;
  return error instanceof Error && /^dicomParser/.test(error.message);
}
function guardParser(file, read2) {
  try {
    return read2();
  } catch (error) {
    if (!isParserFailure(error)) throw error;
    throw parserError(file, error, "data set");
  }
}
function parserError(file, error, where) {
  const thrown = error !== null && typeof error === "object" && "exception" in error ? error.exception : error;
  const text2 = messageOf(thrown);
  if (/past end|end of buffer|overrun|overread|beyond|eof|outside|maxPosition/i.test(text2)) {
    return new InputError("dicom/truncated", file, `the ${where} ends early (truncated file)`);
  }
  if (/DICM/.test(text2)) {
    return new InputError("dicom/not-dicom", file, "not a DICOM Part 10 file");
  }
  return new InputError("dicom/malformed", file, `the ${where} is malformed and cannot be parsed`);
}

// actions/lib/dicom/decode-frame.ts
async function decodeFrame(file, dataSet, module, syntax, frame) {
  const data = guardParser(file, () => frameData(file, dataSet, module, syntax, frame));
  if (syntax.encoding === "native") return nativeFrame2(data, module, syntax.littleEndian);
  if (syntax.encoding === "encapsulated-native" && module.bitsAllocated > 1) {
    const needed = nativeValuesPerFrame(module) * (module.bitsAllocated / 8);
    if (data.bytes.length < needed) {
      throw new InputError(
        "dicom/truncated",
        file,
        `frame ${frame} holds ${data.bytes.length} bytes but needs ${needed}`
      );
    }
    return nativeFrame2({ bytes: data.bytes.subarray(0, needed), bitOffset: 0 }, module, true);
  }
  if (module.bitsAllocated === 1) {
    throw new InputError(
      "dicom/unsupported-pixel-data",
      file,
      `1-bit pixel data in ${syntax.name} is not supported`
    );
  }
  const declared = syntax.encoding === "rle" ? void 0 : encodedDimensions(data.bytes);
  if (declared && (declared.width !== module.columns || declared.height !== module.rows)) {
    throw new InputError(
      "dicom/decode-failed",
      file,
      `frame ${frame} is encoded as ${declared.width}\xD7${declared.height}, not the declared ${module.columns}\xD7${module.rows}`
    );
  }
  if (JPEG_FAMILY.has(syntax.encoding) && !endsWithEndOfImage(data.bytes)) {
    throw new InputError(
      "dicom/decode-failed",
      file,
      `frame ${frame} is cut short or corrupt (its ${syntax.name} stream has no end-of-image marker)`
    );
  }
  let output;
  try {
    output = await runCodec(data.bytes, module, syntax);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      "dicom/decode-failed",
      file,
      `the ${syntax.name} decoder could not decode frame ${frame}`
    );
  }
  const wanted = module.rows * module.columns * module.samplesPerPixel;
  if (output.width !== module.columns || output.height !== module.rows || output.components !== module.samplesPerPixel || output.values.length < wanted) {
    throw new InputError(
      "dicom/decode-failed",
      file,
      `frame ${frame} decodes to ${output.width}\xD7${output.height}\xD7${output.components}, not the declared ${module.columns}\xD7${module.rows}\xD7${module.samplesPerPixel}`
    );
  }
  let photometric = module.photometric;
  if (output.colourConverted) photometric = "RGB";
  else if (photometric === "YBR_FULL_422") photometric = "YBR_FULL";
  return { values: output.values, planar: output.planar, photometric };
}
var JPEG_FAMILY = /* @__PURE__ */ new Set(["jpeg", "jpeg-lossless", "jpeg-ls"]);
function endsWithEndOfImage(bytes) {
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - 64); i--) {
    if (bytes[i] === 255 && bytes[i + 1] === 217) return true;
  }
  return false;
}
function runCodec(bytes, module, syntax) {
  switch (syntax.encoding) {
    case "rle":
      return decodeRle(bytes, module.rows, module.columns, module.samplesPerPixel, module.bitsAllocated);
    case "jpeg":
      return decodeJpeg(bytes);
    case "jpeg-lossless":
      return decodeJpegLossless(bytes, module.rows, module.columns, module.bitsAllocated);
    case "jpeg-ls":
      return decodeJpegLs(bytes, module.pixelRepresentation === 1);
    case "jpeg2000":
      return decodeJpeg2000(bytes);
    default:
      throw new Error(`no codec for ${syntax.uid}`);
  }
}
function nativeFrame2(data, module, littleEndian) {
  const planar = module.samplesPerPixel === 3 && module.planarConfiguration === 1;
  const { bytes } = data;
  let values;
  if (module.bitsAllocated === 1) {
    const count = module.rows * module.columns * module.samplesPerPixel;
    const bits = new Uint8Array(count);
    for (let i = 0, bit = data.bitOffset; i < count; i++, bit++)
      bits[i] = bytes[bit >> 3] >> (bit & 7) & 1;
    values = bits;
  } else if (module.bitsAllocated === 8) {
    values = bytes;
  } else {
    const size = module.bitsAllocated / 8;
    const count = bytes.length / size;
    const View = module.floatPixels === "double" ? Float64Array : module.floatPixels === "float" ? Float32Array : size === 2 ? Uint16Array : Uint32Array;
    if (littleEndian && bytes.byteOffset % size === 0) {
      values = new View(bytes.buffer, bytes.byteOffset, count);
    } else {
      const copy = bytes.slice();
      if (!littleEndian) for (let i = 0; i < copy.length; i += size) copy.subarray(i, i + size).reverse();
      values = new View(copy.buffer, 0, count);
    }
  }
  if (module.photometric === "YBR_FULL_422") {
    return {
      values: expandYbr422(values, module.rows * module.columns),
      planar: false,
      photometric: "YBR_FULL"
    };
  }
  return { values, planar, photometric: module.photometric };
}
function expandYbr422(packed, pixels) {
  const out = new packed.constructor(pixels * 3);
  for (let p = 0, i = 0; p < pixels && i + 3 < packed.length; p += 2, i += 4) {
    const cb = packed[i + 2];
    const cr = packed[i + 3];
    out[p * 3] = packed[i];
    out[p * 3 + 1] = cb;
    out[p * 3 + 2] = cr;
    if (p + 1 < pixels) {
      out[p * 3 + 3] = packed[i + 1];
      out[p * 3 + 4] = cb;
      out[p * 3 + 5] = cr;
    }
  }
  return out;
}

// actions/lib/dicom/segmented-lut.ts
function expandSegmentedLut(data, entries) {
  const out = [];
  expand(data, 0, Number.POSITIVE_INFINITY, out, entries, 0);
  if (out.length === 0) throw new Error("empty segmented lookup table");
  const table = new Uint16Array(entries);
  table.set(out.slice(0, entries));
  if (out.length < entries) table.fill(out[out.length - 1], out.length);
  return table;
}
function expand(data, start, segments, out, entries, depth) {
  if (depth > 4) throw new Error("indirect segments nest too deeply");
  let at = start;
  for (let read2 = 0; read2 < segments && at + 1 < data.length && out.length < entries; read2++) {
    const opcode = data[at];
    const length = data[at + 1];
    at += 2;
    if (opcode === 0) {
      for (let i = 0; i < length && at + i < data.length; i++) out.push(data[at + i]);
      at += length;
    } else if (opcode === 1) {
      if (out.length === 0) throw new Error("a segmented LUT cannot start with a linear segment");
      const y0 = out[out.length - 1];
      const y1 = data[at++] ?? y0;
      const step = (y1 - y0) / length;
      for (let i = 1; i <= length && out.length < entries; i++) out.push(Math.round(y0 + step * i));
    } else if (opcode === 2) {
      if (out.length === 0) throw new Error("a segmented LUT cannot start with an indirect segment");
      const offset = (data[at] ?? 0) | (data[at + 1] ?? 0) << 16;
      at += 2;
      expand(data, offset, length, out, entries, depth + 1);
    } else {
      throw new Error("unknown segment type");
    }
  }
}

// actions/lib/dicom/pixel-module.ts
var SUPPORTED_PHOTOMETRIC = /* @__PURE__ */ new Set([
  "MONOCHROME1",
  "MONOCHROME2",
  "PALETTE COLOR",
  "RGB",
  "YBR_FULL",
  "YBR_FULL_422",
  "YBR_RCT",
  "YBR_ICT"
]);
var KNOWN_UNSUPPORTED_PHOTOMETRIC = /* @__PURE__ */ new Set(["YBR_PARTIAL_422", "YBR_PARTIAL_420", "ARGB", "CMYK", "HSV"]);
function readPixelModule(file, dataSet, limits) {
  const bad = (reason) => new InputError("dicom/bad-pixel-module", file, reason);
  const required = (tag, name) => {
    const value = dataSet.elements[tag]?.length ? dataSet.uint16(tag) : void 0;
    if (value === void 0) throw bad(`${name} ${tagLabel(tag)} is missing`);
    return value;
  };
  const rows = required("x00280010", "Rows");
  const columns = required("x00280011", "Columns");
  const bitsAllocated = required("x00280100", "BitsAllocated");
  if (rows === 0 || columns === 0) throw bad("Rows or Columns is zero");
  const floatPixels = dataSet.elements.x7fe00010 ? void 0 : dataSet.elements.x7fe00008 ? "float" : dataSet.elements.x7fe00009 ? "double" : void 0;
  if (floatPixels && bitsAllocated !== (floatPixels === "float" ? 32 : 64)) {
    throw bad(`BitsAllocated ${bitsAllocated} does not match ${floatPixels} pixel data`);
  }
  if (bitsAllocated !== 1 && bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32 && !floatPixels) {
    throw new InputError(
      "dicom/unsupported-pixel-data",
      file,
      `BitsAllocated ${bitsAllocated} is not supported (1, 8, 16 or 32)`
    );
  }
  const samplesPerPixel = dataSet.elements.x00280002?.length ? dataSet.uint16("x00280002") : 1;
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new InputError(
      "dicom/unsupported-pixel-data",
      file,
      `SamplesPerPixel ${samplesPerPixel} is not supported (1 or 3)`
    );
  }
  const bitsStored = dataSet.elements.x00280101?.length && !floatPixels ? dataSet.uint16("x00280101") : bitsAllocated;
  const highBit = dataSet.elements.x00280102?.length && !floatPixels ? dataSet.uint16("x00280102") : bitsStored - 1;
  if (bitsStored < 1 || bitsStored > bitsAllocated) throw bad("BitsStored is outside 1..BitsAllocated");
  if (highBit < bitsStored - 1 || highBit >= bitsAllocated)
    throw bad("HighBit is inconsistent with BitsStored and BitsAllocated");
  const pixelRepresentation = dataSet.elements.x00280103?.length ? dataSet.uint16("x00280103") : 0;
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1)
    throw bad("PixelRepresentation is neither 0 nor 1");
  const photometricText = (dataSet.string("x00280004") ?? "").trim().toUpperCase();
  if (photometricText === "") throw bad("PhotometricInterpretation (0028,0004) is missing");
  if (!SUPPORTED_PHOTOMETRIC.has(photometricText)) {
    const named = KNOWN_UNSUPPORTED_PHOTOMETRIC.has(photometricText) ? photometricText : "this value";
    throw new InputError(
      "dicom/unsupported-photometric",
      file,
      `PhotometricInterpretation ${named} is not supported`
    );
  }
  const photometric = photometricText;
  const colourPhotometric = photometric !== "MONOCHROME1" && photometric !== "MONOCHROME2" && photometric !== "PALETTE COLOR";
  if (colourPhotometric !== (samplesPerPixel === 3)) {
    throw bad(`PhotometricInterpretation ${photometric} does not match SamplesPerPixel ${samplesPerPixel}`);
  }
  if (floatPixels && (samplesPerPixel !== 1 || photometric === "PALETTE COLOR")) {
    throw bad("float pixel data must be MONOCHROME1 or MONOCHROME2");
  }
  const planarConfiguration = samplesPerPixel === 3 && dataSet.uint16("x00280006") === 1 ? 1 : 0;
  const framesText = dataSet.elements.x00280008?.length ? (dataSet.string("x00280008") ?? "").trim() : "";
  if (framesText !== "" && !/^[+]?\d{1,10}$/.test(framesText))
    throw bad("NumberOfFrames (0028,0008) is not an integer");
  const numberOfFrames = Math.max(1, framesText === "" ? 1 : Number(framesText));
  if (numberOfFrames > limits.maxFrames) {
    throw new InputError("dicom/too-large", file, `NumberOfFrames exceeds the limit of ${limits.maxFrames}`);
  }
  const frameBytes = rows * columns * samplesPerPixel * Math.max(1, bitsAllocated / 8);
  if (frameBytes > limits.maxFrameBytes) {
    throw new InputError(
      "dicom/too-large",
      file,
      `a ${rows}\xD7${columns} frame exceeds the ${limits.maxFrameBytes}-byte limit`
    );
  }
  const signedInput = pixelRepresentation === 1;
  const modalityItem = lutItem(dataSet, "x00283000");
  const voiItem = lutItem(dataSet, "x00283010");
  const center = finiteNumber(dataSet, "x00281050");
  const width = finiteNumber(dataSet, "x00281051");
  const voiLutFunction = readVoiLutFunction(dataSet);
  return {
    rows,
    columns,
    samplesPerPixel,
    photometric,
    planarConfiguration,
    bitsAllocated,
    floatPixels,
    bitsStored,
    highBit,
    pixelRepresentation,
    numberOfFrames,
    // A zero slope is invalid (PS3.3 C.11.1.1.2) and would flatten the image: taken as 1.
    rescaleSlope: finiteNumber(dataSet, "x00281053") || 1,
    rescaleIntercept: finiteNumber(dataSet, "x00281052") ?? 0,
    modalityLut: modalityItem ? readLut(file, modalityItem, "x00283002", "x00283006", signedInput) : void 0,
    voiLut: voiItem ? readLut(file, voiItem, "x00283002", "x00283006", signedInput) : void 0,
    window: center !== void 0 && width !== void 0 ? { center, width } : void 0,
    voiLutFunction,
    palette: photometric === "PALETTE COLOR" ? readPalette(file, dataSet) : void 0,
    burnedInAnnotation: burnedIn(dataSet.string("x00280301"))
  };
}
function burnedIn(value) {
  const text2 = value?.trim().toUpperCase();
  return text2 === "YES" || text2 === "NO" ? text2 : "undeclared";
}
function tagLabel(tag) {
  return `(${tag.slice(1, 5).toUpperCase()},${tag.slice(5).toUpperCase()})`;
}
function readVoiLutFunction(dataSet) {
  const text2 = (dataSet.string("x00281056") ?? "").trim().toUpperCase();
  return text2 === "LINEAR_EXACT" || text2 === "SIGMOID" ? text2 : "LINEAR";
}
function finiteNumber(dataSet, tag) {
  if (!dataSet.elements[tag]?.length) return void 0;
  const value = dataSet.floatString(tag, 0);
  return value !== void 0 && Number.isFinite(value) ? value : void 0;
}
function firstItem(dataSet, tag) {
  return dataSet.elements[tag]?.items?.[0]?.dataSet;
}
function lutItem(dataSet, tag) {
  const item = firstItem(dataSet, tag);
  return item?.elements.x00283002 || item?.elements.x00283006 ? item : void 0;
}
function readLut(file, dataSet, descriptorTag, dataTag, signedInput) {
  const bad = (reason) => new InputError("dicom/bad-lut", file, reason);
  const descriptor = dataSet.elements[descriptorTag];
  if (!descriptor || descriptor.length < 6)
    throw bad(`a lookup table descriptor ${tagLabel(descriptorTag)} is missing or short`);
  const entries = dataSet.uint16(descriptorTag, 0) || 65536;
  const firstRaw = dataSet.uint16(descriptorTag, 1);
  const signed = descriptor.vr === "SS" || signedInput;
  const firstMapped = signed && firstRaw >= 32768 ? firstRaw - 65536 : firstRaw;
  const bits = dataSet.uint16(descriptorTag, 2);
  if (bits < 1 || bits > 16) throw bad("a lookup table declares a bit depth outside 1..16");
  const element = dataSet.elements[dataTag];
  if (!element) throw bad(`lookup table data ${tagLabel(dataTag)} is missing`);
  const data = readWords(dataSet, element, entries);
  if (!data) throw bad("lookup table data is shorter than its descriptor declares");
  return { firstMapped, bits, data };
}
function readWords(dataSet, element, count) {
  const out = new Uint16Array(count);
  const parser = dataSet.byteArrayParser;
  const bytes = dataSet.byteArray;
  const length = Math.min(element.length, bytes.length - element.dataOffset);
  if (length >= count * 2) {
    for (let i = 0; i < count; i++) out[i] = parser.readUint16(bytes, element.dataOffset + i * 2);
    return out;
  }
  if (length === count) {
    for (let i = 0; i < count; i++) out[i] = bytes[element.dataOffset + i];
    return out;
  }
  return void 0;
}
function readPalette(file, dataSet) {
  const segmented = !dataSet.elements.x00281201 && dataSet.elements.x00281221;
  const table = (descriptor, data, segmentedData) => {
    const lut = segmented ? readSegmentedLut(file, dataSet, descriptor, segmentedData) : readLut(file, dataSet, descriptor, data, false);
    if (lut.bits <= 8 && lut.data.some((v) => v > 255)) lut.data = lut.data.map((v) => v >> 8);
    return lut;
  };
  return {
    red: table("x00281101", "x00281201", "x00281221"),
    green: table("x00281102", "x00281202", "x00281222"),
    blue: table("x00281103", "x00281203", "x00281223")
  };
}
function readSegmentedLut(file, dataSet, descriptorTag, dataTag) {
  const bad = (reason) => new InputError("dicom/bad-lut", file, reason);
  const descriptor = dataSet.elements[descriptorTag];
  const element = dataSet.elements[dataTag];
  if (!descriptor || descriptor.length < 6 || !element)
    throw bad("a segmented palette lookup table is incomplete");
  const entries = dataSet.uint16(descriptorTag, 0) || 65536;
  const firstMapped = dataSet.uint16(descriptorTag, 1);
  const bits = dataSet.uint16(descriptorTag, 2);
  const available = Math.min(element.length, dataSet.byteArray.length - element.dataOffset);
  const words = bits <= 8 ? dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + available) : Uint16Array.from(
    { length: available >> 1 },
    (_, i) => dataSet.byteArrayParser.readUint16(dataSet.byteArray, element.dataOffset + i * 2)
  );
  try {
    return { firstMapped, bits, data: expandSegmentedLut(words, entries) };
  } catch {
    throw bad("a segmented palette lookup table is malformed");
  }
}

// actions/lib/dicom/functional-groups.ts
function withFunctionalGroups(module, dataSet, frame) {
  const perFrame = dataSet.elements.x52009230?.items?.[frame]?.dataSet;
  const shared = dataSet.elements.x52009229?.items?.[0]?.dataSet;
  const macro = (tag) => perFrame?.elements[tag]?.items?.[0]?.dataSet ?? shared?.elements[tag]?.items?.[0]?.dataSet;
  const transformation = macro("x00289145");
  const voi = macro("x00289132");
  if (!transformation && !voi) return module;
  const result = { ...module };
  if (transformation) {
    result.rescaleSlope = finiteNumber(transformation, "x00281053") || 1;
    result.rescaleIntercept = finiteNumber(transformation, "x00281052") ?? 0;
  }
  if (voi) {
    const center = finiteNumber(voi, "x00281050");
    const width = finiteNumber(voi, "x00281051");
    if (center !== void 0 && width !== void 0) {
      result.window = { center, width };
      result.voiLutFunction = readVoiLutFunction(voi);
    }
  }
  return result;
}

// actions/lib/dicom/voi-lut.ts
function voiTransform(module, options, range) {
  if (options.preset) {
    const window = CT_PRESETS[options.preset];
    return {
      apply: windowFunction(window.center, window.width, "LINEAR"),
      resolved: { preset: options.preset, window: { ...window }, function: "LINEAR" },
      linear: linearShape(window.center, window.width)
    };
  }
  if (options.window) {
    const { center, width } = options.window;
    return {
      apply: windowFunction(center, width, "LINEAR"),
      resolved: { window: { center, width }, function: "LINEAR" },
      linear: linearShape(center, width)
    };
  }
  if (module.voiLut) {
    const table = lookup(module.voiLut);
    const scale = 255 / (2 ** module.voiLut.bits - 1);
    return { apply: (v) => table(v) * scale, resolved: { window: "voi-lut" } };
  }
  const fileWindow = module.window;
  const fn = module.voiLutFunction;
  if (fileWindow && (fn === "LINEAR" ? fileWindow.width >= 1 : fileWindow.width > 0)) {
    return {
      apply: windowFunction(fileWindow.center, fileWindow.width, fn),
      resolved: { window: { ...fileWindow }, function: fn },
      linear: fn === "LINEAR" ? linearShape(fileWindow.center, fileWindow.width) : void 0
    };
  }
  const { min, max } = range();
  const span = max - min;
  return {
    apply: span > 0 ? (v) => (v - min) / span * 255 : () => 0,
    resolved: { window: "min-max", min, max },
    linear: span > 0 ? { low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY, offset: min, scale: span, bias: 0 } : void 0
  };
}
function linearShape(center, width) {
  const c = center - 0.5;
  const w = width - 1;
  return w > 0 ? { low: c - w / 2, high: c + w / 2, offset: c, scale: w, bias: 0.5 } : void 0;
}
function windowFunction(center, width, fn) {
  if (fn === "SIGMOID") return (x) => 255 / (1 + Math.exp(-4 * (x - center) / width));
  if (fn === "LINEAR_EXACT") {
    const low2 = center - width / 2;
    const high2 = center + width / 2;
    return (x) => x <= low2 ? 0 : x > high2 ? 255 : ((x - center) / width + 0.5) * 255;
  }
  const c = center - 0.5;
  const w = width - 1;
  const low = c - w / 2;
  const high = c + w / 2;
  return (x) => x <= low ? 0 : x > high ? 255 : ((x - c) / w + 0.5) * 255;
}

// actions/lib/dicom/grey.ts
function renderGrey(frame, module, options) {
  const pixels = module.rows * module.columns;
  const invert = module.photometric === "MONOCHROME1";
  if (module.bitsAllocated === 1) {
    const data2 = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) data2[i] = (frame.values[i] ? 255 : 0) ^ (invert ? 255 : 0);
    return { data: data2, resolved: { window: "binary" } };
  }
  const stored = module.floatPixels ? (v) => v : storedValueFunction(module);
  const modality = modalityTransform(module);
  const toModality = (raw) => modality.apply(stored(raw));
  const values = unsignedView(frame.values);
  let data;
  let voiResolved;
  if (values instanceof Uint8Array || values instanceof Uint16Array) {
    const size = values instanceof Uint8Array ? 256 : 65536;
    const range = () => {
      const present = new Uint8Array(size);
      for (let i = 0; i < pixels; i++) present[values[i]] = 1;
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let raw = 0; raw < size; raw++) {
        if (!present[raw]) continue;
        const m = toModality(raw);
        if (m < min) min = m;
        if (m > max) max = m;
      }
      return { min, max };
    };
    const voi = voiTransform(module, options, range);
    let table;
    if (voi.linear && !module.modalityLut) {
      table = linearTable(size, module, voi.linear, invert);
    } else {
      table = new Uint8Array(size);
      for (let raw = 0; raw < size; raw++) table[raw] = toByte(voi.apply(toModality(raw)), invert);
    }
    data = applyTable(values, table, pixels);
    voiResolved = voi.resolved;
  } else {
    const m = new Float64Array(pixels);
    for (let i = 0; i < pixels; i++) m[i] = toModality(values[i]);
    const voi = voiTransform(module, options, () => {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const v of m) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return { min, max };
    });
    data = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) data[i] = toByte(voi.apply(m[i]), invert);
    voiResolved = voi.resolved;
  }
  return { data, resolved: { ...modality.resolved, ...voiResolved, ...invert ? { inverted: true } : {} } };
}
function linearTable(size, module, shape, invert) {
  const table = new Uint8Array(size);
  const { low, high, offset, scale, bias } = shape;
  const slope = module.rescaleSlope;
  const intercept = module.rescaleIntercept;
  const shift = module.highBit + 1 - module.bitsStored;
  const mask = 2 ** module.bitsStored - 1;
  const signBit = 2 ** (module.bitsStored - 1);
  const range = 2 ** module.bitsStored;
  const signed = module.pixelRepresentation === 1;
  const identity = slope === 1 && intercept === 0;
  const period = shift === 0 ? Math.min(size, range) : size;
  for (let raw = 0; raw < period; raw++) {
    let v = (raw >>> shift & mask) >>> 0;
    if (signed && v >= signBit) v -= range;
    const x = identity ? v : v * slope + intercept;
    let y = x <= low ? 0 : x > high ? 255 : ((x - offset) / scale + bias) * 255;
    y = y <= 0 ? 0 : y >= 255 ? 255 : Math.round(y);
    table[raw] = invert ? 255 - y : y;
  }
  for (let start = period; start < size; start += period) table.copyWithin(start, 0, period);
  return table;
}
var LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
function applyTable(values, table, pixels) {
  const data = new Uint8Array(pixels);
  let start = 0;
  if (LITTLE_ENDIAN_HOST) {
    const words = new Uint32Array(data.buffer, 0, pixels >> 2);
    for (let i = 0, j = 0; j < words.length; i += 4, j++) {
      words[j] = table[values[i]] | table[values[i + 1]] << 8 | table[values[i + 2]] << 16 | table[values[i + 3]] << 24;
    }
    start = words.length * 4;
  }
  for (let i = start; i < pixels; i++) data[i] = table[values[i]];
  return data;
}
function toByte(value, invert) {
  const v = Math.round(value <= 0 ? 0 : Math.min(value, 255));
  return invert ? 255 - v : v;
}
function unsignedView(values) {
  if (values instanceof Int16Array) return new Uint16Array(values.buffer, values.byteOffset, values.length);
  return values;
}

// actions/lib/dicom/render-dicom.ts
async function renderDicom(file, options = {}) {
  const { window, preset } = options;
  if (window && preset) throw new UsageError("give either a window or a preset, not both");
  if (preset !== void 0 && !Object.hasOwn(CT_PRESETS, preset)) {
    throw new UsageError(`unknown CT preset "${preset}"`);
  }
  if (window && !(Number.isFinite(window.center) && Number.isFinite(window.width) && window.width >= 1)) {
    throw new UsageError("a window needs a finite center and a width of at least 1");
  }
  const frameIndex = options.frame ?? 0;
  if (!Number.isInteger(frameIndex) || frameIndex < 0)
    throw new UsageError("the frame must be a whole number \u2265 0");
  const limits = { ...DEFAULT_DICOM_LIMITS, ...options.limits };
  const { dataSet, transferSyntax } = await readDicom(file, limits);
  const { elements } = dataSet;
  if (!elements.x7fe00010 && !elements.x7fe00008 && !elements.x7fe00009) {
    throw new InputError("dicom/no-pixel-data", file, "the file has no Pixel Data (7FE0,0010): not an image");
  }
  const module = guardParser(
    file,
    () => withFunctionalGroups(readPixelModule(file, dataSet, limits), dataSet, frameIndex)
  );
  const frame = await decodeFrame(file, dataSet, module, transferSyntax, frameIndex);
  const colour = module.samplesPerPixel === 3 || module.photometric === "PALETTE COLOR";
  const result = colour ? renderColour(frame, module) : renderGrey(frame, module, { window, preset });
  const expected = module.rows * module.columns * (colour ? 3 : 1);
  if (result.data.length !== expected) {
    throw new InputError("dicom/decode-failed", file, "the decoded frame has the wrong size");
  }
  return {
    width: module.columns,
    height: module.rows,
    channels: colour ? 3 : 1,
    data: result.data,
    resolved: { frame: frameIndex, ...result.resolved },
    burnedInAnnotation: module.burnedInAnnotation
  };
}

// actions/lib/render/image/plain-jpeg.ts
import { readFile, stat } from "node:fs/promises";

// actions/lib/render/grey-if-neutral.ts
function greyIfNeutral(width, height, rgb) {
  const pixels = width * height;
  for (let i = 0; i < pixels; i++) {
    const r = rgb[i * 3];
    if (r !== rgb[i * 3 + 1] || r !== rgb[i * 3 + 2]) return { channels: 3, data: rgb };
  }
  const grey = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) grey[i] = rgb[i * 3];
  return { channels: 1, data: grey };
}

// actions/lib/render/image/plain-jpeg.ts
var PLAIN_MAX_PIXELS = 16 * 1024 * 1024;
var PLAIN_MAX_BYTES = 32 * 1024 * 1024;
var looksLikeJpeg = (file) => /\.jpe?g$/i.test(file);
async function renderPlainJpeg(file) {
  if (!looksLikeJpeg(file)) return void 0;
  const size = (await stat(file)).size;
  if (size > PLAIN_MAX_BYTES) return void 0;
  const bytes = await readFile(file);
  const header = readJpegHeader(bytes);
  if (!header || header.sof !== 192 && header.sof !== 193 || header.precision !== 8 || !(header.components === 1 || header.components === 3 && header.ycbcr) || header.exif || header.icc || header.width === 0 || header.height === 0 || header.width * header.height > PLAIN_MAX_PIXELS)
    return void 0;
  let decoded;
  try {
    decoded = await decodeJpeg(bytes);
  } catch {
    return void 0;
  }
  const { width, height, components } = decoded;
  if (components !== header.components || width !== header.width || height !== header.height)
    return void 0;
  const samples = decoded.values;
  const { channels, data } = components === 1 ? { channels: 1, data: samples } : greyIfNeutral(width, height, samples);
  return { width, height, channels, data, resolved: { max_side: null, source_channels: components } };
}

// actions/lib/render/nifti/render-nifti.ts
import { dirname, isAbsolute, relative, resolve } from "node:path";

// actions/lib/fs/real-paths.ts
import { realpath, stat as stat2 } from "node:fs/promises";
import path from "node:path";
function isInside(parent, child) {
  const rel = path.relative(parent, child);
  return rel === "" || !rel.startsWith("..") && !path.isAbsolute(rel);
}
async function staysInside(root, file) {
  const real = await realpath(file).catch(() => void 0);
  if (real === void 0) return true;
  return isInside(await realpath(root), real);
}

// actions/lib/render/scale-to-8bit.ts
function finiteRange(values) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: 0, max: 0 };
  return { min, max };
}
function minMaxTo8Bit(values) {
  const { min, max } = finiteRange(values);
  const data = new Uint8Array(values.length);
  const span = max - min;
  if (span > 0) {
    const scale = 255 / span;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      data[i] = Number.isFinite(v) ? Math.round((v - min) * scale) : 0;
    }
  }
  return { data, min, max };
}
function windowTo8Bit(values, window) {
  const { center: c, width: w } = window;
  const low = c - 0.5 - (w - 1) / 2;
  const high = c - 0.5 + (w - 1) / 2;
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!(x > low)) data[i] = 0;
    else if (x > high) data[i] = 255;
    else data[i] = w <= 1 ? 255 : Math.round(((x - (c - 0.5)) / (w - 1) + 0.5) * 255);
  }
  return data;
}

// actions/lib/render/nifti/nifti-orientation.ts
function voxelToWorld(header) {
  const sform = header.sformCode > 0 ? header.srow.map((row) => row.slice(0, 3)) : void 0;
  if (sform && usable(sform)) return sform;
  const qform = header.qformCode > 0 ? quaternionMatrix(header) : void 0;
  if (qform && usable(qform)) return qform;
  const size = (value) => Number.isFinite(value) && value !== 0 ? Math.abs(value) : 1;
  const [, pi, pj, pk] = header.pixdim;
  return [
    [-size(pi), 0, 0],
    [0, size(pj), 0],
    [0, 0, size(pk)]
  ];
}
function usable(matrix) {
  if (!matrix.every((row) => row.every(Number.isFinite))) return false;
  return [0, 1, 2].every((col) => matrix.some((row) => row[col] !== 0));
}
function quaternionMatrix(header) {
  const [qfacRaw, pi, pj, pk] = header.pixdim;
  const [b, c, d] = header.quatern;
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
  const qfac = qfacRaw < 0 ? -1 : 1;
  const r = [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - b * b - c * c]
  ];
  const zooms = [pi, pj, pk].map((z) => Number.isFinite(z) && z !== 0 ? z : 1);
  zooms[2] *= qfac;
  return r.map((row) => row.map((value, col) => value * zooms[col]));
}
function axisOrientation(matrix) {
  const norms = [0, 1, 2].map((col) => Math.hypot(matrix[0][col], matrix[1][col], matrix[2][col]) || 1);
  const result = [];
  const freeRows = /* @__PURE__ */ new Set([0, 1, 2]);
  const freeCols = /* @__PURE__ */ new Set([0, 1, 2]);
  while (freeCols.size > 0) {
    let best = { row: -1, col: -1, value: -1 };
    for (const row of freeRows) {
      for (const col of freeCols) {
        const value = Math.abs(matrix[row][col] / norms[col]);
        if (value > best.value) best = { row, col, value };
      }
    }
    if (best.row < 0)
      return [
        { world: 0, sign: 1 },
        { world: 1, sign: 1 },
        { world: 2, sign: 1 }
      ];
    const sign = matrix[best.row][best.col] < 0 ? -1 : 1;
    result[best.col] = { world: best.row, sign };
    freeRows.delete(best.row);
    freeCols.delete(best.col);
  }
  return result;
}
function axisCodes(orientation) {
  const positive = ["R", "A", "S"];
  const negative = ["L", "P", "I"];
  return orientation.map((a) => (a.sign > 0 ? positive : negative)[a.world]).join("");
}

// actions/lib/render/nifti/nifti-header.ts
var NIFTI_DATATYPES = {
  2: { name: "uint8", bytes: 1, read: (v, o) => v.getUint8(o) },
  4: { name: "int16", bytes: 2, read: (v, o, le) => v.getInt16(o, le) },
  8: { name: "int32", bytes: 4, read: (v, o, le) => v.getInt32(o, le) },
  16: { name: "float32", bytes: 4, read: (v, o, le) => v.getFloat32(o, le) },
  64: { name: "float64", bytes: 8, read: (v, o, le) => v.getFloat64(o, le) },
  256: { name: "int8", bytes: 1, read: (v, o) => v.getInt8(o) },
  512: { name: "uint16", bytes: 2, read: (v, o, le) => v.getUint16(o, le) },
  768: { name: "uint32", bytes: 4, read: (v, o, le) => v.getUint32(o, le) },
  1024: { name: "int64", bytes: 8, read: (v, o, le) => Number(v.getBigInt64(o, le)) },
  1280: { name: "uint64", bytes: 8, read: (v, o, le) => Number(v.getBigUint64(o, le)) }
};
function imageIntent(code) {
  return code === 0 || code >= 2 && code <= 24 || [1001, 1002, 1003, 1011, 2001].includes(code);
}
function intentName(code) {
  if (code >= 3e3 && code <= 3099) return `CIFTI (intent ${code})`;
  return `intent ${code}`;
}
var NIFTI_HEADER_BYTES = 540;
function parseNiftiHeader(file, bytes) {
  const bad = (reason) => new InputError("nifti/bad-header", file, reason);
  if (bytes.length < 348) throw bad("the file is shorter than a NIfTI header");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const sizeLe = view.getInt32(0, true);
  const sizeBe = view.getInt32(0, false);
  const version = sizeLe === 348 || sizeBe === 348 ? 1 : sizeLe === 540 || sizeBe === 540 ? 2 : 0;
  if (version === 0) throw bad("sizeof_hdr is neither 348 (NIfTI-1) nor 540 (NIfTI-2)");
  const le = sizeLe === 348 || sizeLe === 540;
  if (version === 2 && bytes.length < 540) throw bad("the file is shorter than a NIfTI-2 header");
  const magic = version === 1 ? bytes.toString("latin1", 344, 347) : bytes.toString("latin1", 4, 7);
  if (magic === "ni1" || magic === "ni2")
    throw bad("a .hdr/.img pair is not supported; convert it to a single .nii");
  if (magic !== `n+${version}`) throw bad(`the magic is not "n+${version}"`);
  const i16 = (o) => view.getInt16(o, le);
  const i32 = (o) => view.getInt32(o, le);
  const i64 = (o) => Number(view.getBigInt64(o, le));
  const f32 = (o) => view.getFloat32(o, le);
  const f64 = (o) => view.getFloat64(o, le);
  const v1 = version === 1;
  const dim = Array.from({ length: 8 }, (_, i) => v1 ? i16(40 + 2 * i) : i64(16 + 8 * i));
  const pixdim = Array.from({ length: 8 }, (_, i) => v1 ? f32(76 + 4 * i) : f64(104 + 8 * i));
  const datatypeCode = v1 ? i16(70) : i16(12);
  const intentCode = v1 ? i16(68) : i32(504);
  if (!imageIntent(intentCode)) {
    throw new InputError(
      "nifti/not-an-image",
      file,
      `${intentName(intentCode)} is not an image on a voxel grid (only plain, statistic, label and time-series NIfTI render)`
    );
  }
  const rank = dim[0];
  if (!(rank >= 1 && rank <= 7)) throw bad(`dim[0] is ${rank}, not 1..7`);
  const size = (axis) => axis <= rank ? dim[axis] : 1;
  const dims = [size(1), size(2), size(3)];
  if (dims.some((d) => !Number.isInteger(d) || d < 1))
    throw bad(`the image dimensions [${dims.join(", ")}] are not positive`);
  let volumes = 1;
  for (let axis = 4; axis <= rank; axis++) volumes *= Math.max(1, dim[axis]);
  const datatype = NIFTI_DATATYPES[datatypeCode];
  if (!datatype)
    throw new InputError("nifti/unsupported-datatype", file, `datatype ${datatypeCode} is not supported`);
  const voxOffset = v1 ? f32(108) : i64(168);
  if (!(voxOffset >= (v1 ? 348 : 540)) || !Number.isInteger(voxOffset))
    throw bad(`vox_offset ${voxOffset} is invalid`);
  const floats = (o, n) => Array.from({ length: n }, (_, i) => v1 ? f32(o + 4 * i) : f64(o + 8 * i));
  return {
    version,
    littleEndian: le,
    dims,
    volumes,
    datatype,
    datatypeCode,
    pixdim: [pixdim[0], pixdim[1], pixdim[2], pixdim[3]],
    voxOffset,
    sclSlope: v1 ? f32(112) : f64(176),
    sclInter: v1 ? f32(116) : f64(184),
    qformCode: v1 ? i16(252) : i32(344),
    sformCode: v1 ? i16(254) : i32(348),
    quatern: floats(v1 ? 256 : 352, 3),
    qoffset: floats(v1 ? 268 : 376, 3),
    srow: [floats(v1 ? 280 : 400, 4), floats(v1 ? 296 : 432, 4), floats(v1 ? 312 : 464, 4)]
  };
}

// actions/lib/render/nifti/read-nifti-bytes.ts
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
var CHUNK_BYTES = 1 << 20;
var MAX_DEFLATE_RATIO = 1032;
async function openNiftiBytes(file) {
  const magic = Buffer.alloc(2);
  const trailer = Buffer.alloc(4);
  let fileSize;
  try {
    const handle = await open(file, "r");
    try {
      fileSize = (await handle.stat()).size;
      await handle.read(magic, 0, 2, 0);
      if (fileSize >= 4) await handle.read(trailer, 0, 4, fileSize - 4);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new InputError("nifti/unreadable", file, `cannot read the file (${messageOf(error)})`);
  }
  const gzip = magic[0] === 31 && magic[1] === 139;
  const source = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  const stream = gzip ? source.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : source;
  if (gzip) source.on("error", (error) => stream.destroy(error));
  const iterator = stream[Symbol.asyncIterator]();
  const chunks = [];
  let base = 0;
  let have = 0;
  let ended = false;
  const pull = async () => {
    if (ended) return void 0;
    let next;
    try {
      next = await iterator.next();
    } catch (error) {
      const code = gzip ? "nifti/bad-gzip" : "nifti/unreadable";
      throw new InputError(
        code,
        file,
        `cannot read the ${gzip ? "compressed " : ""}data (${messageOf(error)})`
      );
    }
    if (next.done) {
      ended = true;
      return void 0;
    }
    return next.value;
  };
  return {
    maxSize: gzip ? fileSize * MAX_DEFLATE_RATIO : fileSize,
    gzip,
    async read(length) {
      while (have < length) {
        const chunk2 = await pull();
        if (!chunk2) break;
        chunks.push(chunk2);
        have += chunk2.length;
      }
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      chunks.length = 0;
      chunks.push(all);
      return all.subarray(0, Math.min(length, all.length));
    },
    async readRange(start, end) {
      if (start < base) throw new Error("readRange: reads only move forward");
      const out = Buffer.alloc(end - start);
      let offset = base;
      const copy = (chunk2) => {
        const lo = Math.max(offset, start);
        const hi = Math.min(offset + chunk2.length, end);
        if (hi > lo) chunk2.copy(out, lo - start, lo - offset, hi - offset);
        offset += chunk2.length;
      };
      for (const chunk2 of chunks) copy(chunk2);
      let last = chunks.at(-1);
      while (offset < end) {
        const chunk2 = await pull();
        if (!chunk2)
          throw new InputError(
            "nifti/truncated",
            file,
            `the file ends before the voxel data does (${offset} of ${end} bytes)`
          );
        copy(chunk2);
        last = chunk2;
      }
      chunks.length = 0;
      if (last && offset > end) chunks.push(last);
      base = last && offset > end ? offset - last.length : offset;
      have = offset - base;
      return out;
    },
    async assertHolds(length) {
      const truncated2 = (held) => new InputError(
        "nifti/truncated",
        file,
        `the file ends before its voxel data does (${held} of ${length} bytes)`
      );
      if (!gzip) {
        if (fileSize < length) throw truncated2(String(fileSize));
        return;
      }
      if (trailer.readUInt32LE(0) === length % 2 ** 32) return;
      let seen = base + have;
      chunks.length = 0;
      base = seen;
      have = 0;
      while (seen < length) {
        const chunk2 = await pull().catch(() => void 0);
        if (!chunk2) throw truncated2(`at most ${seen}`);
        seen += chunk2.length;
        base = seen;
      }
    },
    close() {
      stream.destroy();
      source.destroy();
    }
  };
}

// actions/lib/render/nifti/nifti-volume.ts
var MAX_NIFTI_VOLUME_BYTES = 15e8;
var MAX_NIFTI_READ_BYTES = 768 * 1024 * 1024;
var MAX_NIFTI_VOX_OFFSET = 256 * 1024 * 1024;
async function readNiftiVolume(file, voxelsNeeded) {
  const reader = await openNiftiBytes(file);
  try {
    const header = parseNiftiHeader(file, await reader.read(NIFTI_HEADER_BYTES));
    const [nx, ny, nz] = header.dims;
    const volumeBytes = nx * ny * nz * header.datatype.bytes;
    if (volumeBytes > MAX_NIFTI_VOLUME_BYTES) {
      throw new InputError(
        "nifti/too-large",
        file,
        `a ${nx}\xD7${ny}\xD7${nz} ${header.datatype.name} volume is larger than allowed`
      );
    }
    const voxels = Math.min(voxelsNeeded(header), nx * ny * nz);
    const dataBytes = voxels * header.datatype.bytes;
    if (dataBytes > MAX_NIFTI_READ_BYTES) {
      throw new InputError(
        "nifti/too-large",
        file,
        `rendering needs ${dataBytes} bytes of voxels, more than the ${MAX_NIFTI_READ_BYTES} allowed`
      );
    }
    if (header.voxOffset > MAX_NIFTI_VOX_OFFSET) {
      throw new InputError(
        "nifti/bad-header",
        file,
        `vox_offset ${header.voxOffset} is past the ${MAX_NIFTI_VOX_OFFSET} bytes a header and its extensions may take`
      );
    }
    const end = header.voxOffset + dataBytes;
    if (end > reader.maxSize) {
      throw new InputError(
        "nifti/truncated",
        file,
        `vox_offset and the voxel data need ${end} bytes; the file ${reader.gzip ? "decompresses to at most" : "holds"} ${reader.maxSize}`
      );
    }
    const bytes = dataBytes === 0 ? Buffer.alloc(0) : await reader.readRange(header.voxOffset, end);
    await reader.assertHolds(header.voxOffset + volumeBytes * header.volumes);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const { read: read2, bytes: size } = header.datatype;
    const le = header.littleEndian;
    const scaled = Number.isFinite(header.sclSlope) && header.sclSlope !== 0;
    const slope = scaled ? header.sclSlope : 1;
    const inter = scaled && Number.isFinite(header.sclInter) ? header.sclInter : 0;
    return {
      header,
      view,
      value: (i, j, k) => read2(view, (i + nx * (j + ny * k)) * size, le) * slope + inter
    };
  } finally {
    reader.close();
  }
}

// actions/lib/render/nifti/render-nifti.ts
var SLICED_WORLD_AXIS = { axial: 2, coronal: 1, sagittal: 0 };
var DISPLAY_WORLD_AXES = { axial: [0, 1], coronal: [0, 2], sagittal: [1, 2] };
async function renderNifti(file, request, context = {}) {
  const worldAxis = SLICED_WORLD_AXIS[request.axis];
  let plan;
  const planFor = (header) => {
    const orientation2 = axisOrientation(voxelToWorld(header));
    const voxAxis2 = orientation2.findIndex((a) => a.world === worldAxis);
    plan = { orientation: orientation2, voxAxis: voxAxis2, count: header.dims[voxAxis2] };
    return plan;
  };
  let canonicalSlice;
  let segmentationShape;
  const resolved = { axis: request.axis };
  if (request.slice === "largest-segmentation") {
    const segmentation = await largestSegmentationSlice(file, request, context.dataRoot, worldAxis);
    canonicalSlice = segmentation.slice;
    segmentationShape = segmentation.shape;
    Object.assign(resolved, { segmentation_voxels: segmentation.voxels });
  }
  const volume = await readNiftiVolume(file, (header) => {
    const { orientation: orientation2, voxAxis: voxAxis2, count: count2 } = planFor(header);
    const shape = canonicalShape(header.dims, orientation2);
    if (segmentationShape && shape.join() !== segmentationShape.join()) {
      throw new InputError(
        "nifti/segmentation-mismatch",
        file,
        `the segmentation's grid (${segmentationShape.join("\xD7")}) differs from the image's (${shape.join("\xD7")})`
      );
    }
    canonicalSlice ??= request.slice === "middle" ? Math.floor(count2 / 2) : request.slice;
    if (canonicalSlice >= count2) return 0;
    const [nx, ny, nz] = header.dims;
    if (voxAxis2 !== 2) return nx * ny * nz;
    const k = orientation2[2].sign > 0 ? canonicalSlice : count2 - 1 - canonicalSlice;
    return nx * ny * (k + 1);
  });
  const { orientation, voxAxis, count } = plan;
  const slice = canonicalSlice;
  if (slice >= count) {
    throw new InputError(
      "nifti/slice-out-of-range",
      file,
      `${request.axis} slice ${slice} asked for, the volume has ${count}`
    );
  }
  const [colWorld, rowWorld] = DISPLAY_WORLD_AXES[request.axis];
  const colAxis = orientation.findIndex((a) => a.world === colWorld);
  const rowAxis = orientation.findIndex((a) => a.world === rowWorld);
  const dims = volume.header.dims;
  const width = dims[colAxis];
  const height = dims[rowAxis];
  const values = new Float64Array(width * height);
  const index = [0, 0, 0];
  index[voxAxis] = orientation[voxAxis].sign > 0 ? slice : count - 1 - slice;
  const colPositive = orientation[colAxis].sign > 0;
  const rowPositive = orientation[rowAxis].sign > 0;
  for (let r = 0; r < height; r++) {
    index[rowAxis] = rowPositive ? height - 1 - r : r;
    for (let c = 0; c < width; c++) {
      index[colAxis] = colPositive ? width - 1 - c : c;
      values[r * width + c] = volume.value(index[0], index[1], index[2]);
    }
  }
  Object.assign(resolved, {
    slice,
    slices: count,
    orientation: axisCodes(orientation),
    nifti_version: volume.header.version,
    datatype: volume.header.datatype.name
  });
  let data;
  if (request.window) {
    data = windowTo8Bit(values, request.window);
    resolved.window = request.window;
  } else {
    const scaled = minMaxTo8Bit(values);
    data = scaled.data;
    Object.assign(resolved, { min: scaled.min, max: scaled.max });
  }
  return { width, height, channels: 1, data, resolved };
}
async function largestSegmentationSlice(file, request, dataRoot, worldAxis) {
  if (!request.segmentation) {
    throw new InputError(
      "nifti/no-segmentation",
      file,
      'slice "largest-segmentation" needs a segmentation path'
    );
  }
  const folder = dirname(file);
  const path2 = resolve(folder, request.segmentation);
  const root = dataRoot ? resolve(dataRoot) : folder;
  const inside = relative(root, path2);
  if (isAbsolute(request.segmentation) || inside.startsWith("..") || isAbsolute(inside)) {
    throw new InputError(
      "nifti/bad-segmentation-path",
      file,
      `segmentation "${request.segmentation}" leaves ${dataRoot ? "the dataset root" : "the source's folder"}`
    );
  }
  if (!await staysInside(root, path2)) {
    throw new InputError(
      "nifti/segmentation-escape",
      file,
      `segmentation "${request.segmentation}" resolves outside ${dataRoot ? "the dataset root" : "the source's folder"}`
    );
  }
  const seg = await readNiftiVolume(path2, (header) => header.dims[0] * header.dims[1] * header.dims[2]);
  const orientation = axisOrientation(voxelToWorld(seg.header));
  const voxAxis = orientation.findIndex((a) => a.world === worldAxis);
  const [nx, ny, nz] = seg.header.dims;
  const count = seg.header.dims[voxAxis];
  const perSlice = new Array(count).fill(0);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (seg.value(i, j, k) !== 0) perSlice[[i, j, k][voxAxis]]++;
      }
    }
  }
  let best = { slice: -1, voxels: 0 };
  for (let s = 0; s < count; s++) {
    const canonical = orientation[voxAxis].sign > 0 ? s : count - 1 - s;
    const voxels = perSlice[s];
    if (voxels > best.voxels || voxels === best.voxels && voxels > 0 && canonical < best.slice) {
      best = { slice: canonical, voxels };
    }
  }
  if (best.slice < 0)
    throw new InputError("nifti/empty-segmentation", path2, "the segmentation has no labelled voxel");
  return { ...best, shape: canonicalShape(seg.header.dims, orientation) };
}
function canonicalShape(dims, orientation) {
  return [0, 1, 2].map((world) => dims[orientation.findIndex((a) => a.world === world)]);
}

// actions/lib/render/render-off-thread-kinds.ts
var DeclinedOffThread = class extends Error {
  constructor(file) {
    super(`${file}: not a plain JPEG; rendered through libvips instead`);
    this.file = file;
    this.name = "DeclinedOffThread";
  }
  file;
};
async function renderInProcess(file, recipe, context = {}) {
  if (recipe.kind === "image") {
    const plain = await renderPlainJpeg(file);
    if (!plain) throw new DeclinedOffThread(file);
    return plain;
  }
  if (recipe.kind === "dicom") {
    return renderDicom(file, {
      frame: recipe.frame,
      ...recipe.window ? { window: recipe.window } : {},
      ...recipe.preset ? { preset: recipe.preset } : {}
    });
  }
  return renderNifti(file, recipe, context.dataRoot ? { dataRoot: context.dataRoot } : {});
}

// actions/lib/render/encode-png.ts
import { createHash } from "node:crypto";
import { promisify as promisify2 } from "node:util";
import { isMainThread } from "node:worker_threads";
import zlib from "node:zlib";

// actions/lib/png/png-container.ts
import { crc32 } from "node:zlib";
var SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
function pngContainer(shape, zlibStream) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(shape.width, 0);
  ihdr.writeUInt32BE(shape.height, 4);
  ihdr[8] = 8;
  ihdr[9] = shape.channels === 1 ? 0 : 2;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", zlibStream),
    chunk("IEND", new Uint8Array(0))
  ]);
}
function chunk(type, body) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, body, tail]);
}

// actions/lib/render/encode-png.ts
var deflate = promisify2(zlib.deflate);
async function encodePng(image) {
  checkImage(image);
  const scanlines = upFilteredScanlines(image);
  const options = { strategy: zlib.constants.Z_RLE, chunkSize: 65536 };
  const stream = isMainThread ? await deflate(scanlines, options) : zlib.deflateSync(scanlines, options);
  return pngContainer(image, stream);
}
function upFilteredScanlines({ width, height, channels, data }) {
  const stride = width * channels;
  const rows = upDifferences(data, stride);
  const out = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    out[y * (stride + 1)] = y === 0 ? 0 : 2;
    rows.copy(out, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return out;
}
var HIGH_BITS = 2155905152;
function upDifferences(data, stride) {
  const out = Buffer.alloc(data.length);
  if (stride % 4 === 0 && data.byteOffset % 4 === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
    const result = new Uint32Array(out.buffer, out.byteOffset, words.length);
    const above = stride >> 2;
    result.set(words.subarray(0, above));
    for (let k = above; k < words.length; k++) {
      const a = words[k];
      const b = words[k - above];
      result[k] = (a | HIGH_BITS) - (b & ~HIGH_BITS) ^ (a ^ ~b) & HIGH_BITS;
    }
  } else {
    out.set(data.subarray(0, stride));
    for (let i = stride; i < data.length; i++) out[i] = data[i] - data[i - stride];
  }
  return out;
}
function pixelsSha256(image) {
  checkImage(image);
  const header = Buffer.alloc(12);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.writeUInt32BE(image.channels, 8);
  return createHash("sha256").update(header).update(image.data).digest("hex");
}
function checkImage(image) {
  if (image.data.length !== image.width * image.height * image.channels) {
    throw new Error(
      `rendered image has ${image.data.length} bytes, expected ${image.width}\xD7${image.height}\xD7${image.channels}`
    );
  }
}

// actions/lib/render/rendered-png.ts
async function encodeRendered(image) {
  return {
    png: await encodePng(image),
    pixelsSha256: pixelsSha256(image),
    width: image.width,
    height: image.height,
    channels: image.channels,
    resolved: image.resolved,
    ...image.burnedInAnnotation !== void 0 ? { burnedInAnnotation: image.burnedInAnnotation } : {}
  };
}

// actions/lib/render/render-worker.ts
function sendableError(error) {
  if (error instanceof DeclinedOffThread) return { kind: "declined", file: error.file };
  if (error instanceof InputError)
    return { kind: "input", code: error.code, file: error.file, message: error.message };
  if (error instanceof UsageError) return { kind: "usage", message: error.message };
  const code = error?.code;
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "unknown error";
  return { kind: "other", message, ...typeof code === "string" ? { code } : {} };
}
parentPort?.on("message", async ({ id, file, recipe, context }) => {
  try {
    const out = await encodeRendered(await renderInProcess(file, recipe, context));
    const png = out.png.byteOffset === 0 && out.png.byteLength === out.png.buffer.byteLength ? out.png : new Uint8Array(out.png);
    parentPort.postMessage({ id, out: { ...out, png } }, [png.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: sendableError(error) });
  }
});
export {
  sendableError
};
