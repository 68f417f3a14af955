#!/usr/bin/env python3
"""Which parts of a composite ReadyToRun image are resident in a running process (issue 19 item 4).

  python3 bench/r2r-resident.py PID path/to/Chatbot.BotServer.r2r.dll

Reads the image's PE sections and its ReadyToRun header (the composite's and each component's sections), then
/proc/PID/pagemap for each page of the image's mappings, and prints resident MB per ReadyToRun section (lookup tables
such as InstanceEntryPoints, RuntimeFunctions, MethodDefEntryPoints), the code (the rest of .text) and the rest of .data.
Needs root (pagemap). Every page a process touches maps its 64 KB neighbourhood (the kernel's fault-around), so scattered
lookups make a table resident as a whole.
"""
import collections
import os
import struct
import sys
pid=int(sys.argv[1]); path=sys.argv[2]
f=open(path,'rb'); data=f.read()
pe=struct.unpack_from('<I',data,0x3c)[0]
nsec=struct.unpack_from('<H',data,pe+6)[0]; optsz=struct.unpack_from('<H',data,pe+20)[0]
opt=pe+24
secs=[]; off=opt+optsz
for i in range(nsec):
    name=data[off:off+8].rstrip(b'\0').decode(); vsize,va,rawsize,rawptr=struct.unpack_from('<IIII',data,off+8)
    secs.append((name,va,vsize,rawptr,rawsize)); off+=40
def rva2off(rva):
    for n,va,vs,rp,rs in secs:
        if va<=rva<va+max(vs,rs): return rva-va+rp
# export directory: data directory 0 in PE32+ optional header at opt+112
exp_rva,exp_size=struct.unpack_from('<II',data,opt+112)
e=rva2off(exp_rva)
nfun,nnames,afun,anames,aord=struct.unpack_from('<IIIII',data,e+20)
hdr=None
for i in range(nnames):
    nrva=struct.unpack_from('<I',data,rva2off(anames)+4*i)[0]
    name=data[rva2off(nrva):rva2off(nrva)+32].split(b'\0')[0]
    ordi=struct.unpack_from('<H',data,rva2off(aord)+2*i)[0]
    frva=struct.unpack_from('<I',data,rva2off(afun)+4*ordi)[0]
    if name==b'RTR_HEADER': hdr=frva
h=rva2off(hdr)
sig,maj,minr,flags,n=struct.unpack_from('<IHHII',data,h)
names={100:'CompilerIdentifier',101:'ImportSections',102:'RuntimeFunctions',103:'MethodDefEntryPoints',104:'ExceptionInfo',105:'DebugInfo',106:'DelayLoadMethodCallThunks',108:'AvailableTypes',109:'InstanceEntryPoints',110:'InliningInfo',111:'ProfileDataInfo',112:'ManifestMetadata',113:'AttributePresence',114:'InliningInfo2',115:'ComponentAssemblies',116:'OwnerCompositeExecutable',117:'PgoInstrumentationData',118:'ManifestAssemblyMvids',119:'CrossModuleInlineInfo',120:'HotColdMap',121:'MethodIsGenericMap',122:'EnclosingTypeMap',123:'TypeGenericInfoMap'}
regions=[]
for i in range(n):
    t,rva,size=struct.unpack_from('<III',data,h+16+12*i); regions.append((rva,size,names.get(t,str(t))))
# component headers too: ComponentAssemblies section lists per-component header rvas; sum their sections by type
for rva,size,name in list(regions):
    if name=='ComponentAssemblies':
        o=rva2off(rva)
        for k in range(size//16):
            crva=struct.unpack_from('<IIII',data,o+16*k)
            # entry: CorHeader rva,size, ReadyToRunCoreHeader rva,size
            ch=rva2off(crva[2]); fl,cn=struct.unpack_from('<II',data,ch)
            for j in range(cn):
                t,r,s=struct.unpack_from('<III',data,ch+8+12*j); regions.append((r,s,'c:'+names.get(t,str(t))))
maps=[]
for l in open(f'/proc/{pid}/maps'):
    if l.rstrip().endswith(os.path.basename(path)):
        a,b=[int(x,16) for x in l.split()[0].split('-')]; maps.append((a,b))
base=min(a for a,b in maps)
pm=open(f'/proc/{pid}/pagemap','rb')
def present(rva):
    addr=base+rva; 
    if not any(a<=addr<b for a,b in maps): return 0
    pm.seek(addr//4096*8); return (struct.unpack('<Q',pm.read(8))[0]>>63)&1
res=collections.Counter(); tot=collections.Counter(); pages_in_region=set()
for rva,size,name in regions:
    key=name.replace('c:','')
    for p in range(rva//4096,(rva+size+4095)//4096):
        tot[key]+=1; res[key]+=present(p*4096); pages_in_region.add(p)
# code = .text pages not in any region
textsec=[s for s in secs if s[0]=='.text'][0]; datasec=[s for s in secs if s[0]=='.data'][0]
for nm,s in (('(code etc. in .text)',textsec),('(other .data)',datasec)):
    for p in range(s[1]//4096,(s[1]+s[2]+4095)//4096):
        if p in pages_in_region: continue
        tot[nm]+=1; res[nm]+=present(p*4096)
for k in sorted(tot,key=lambda k:-res[k]): print(f"{k:28s} resident {res[k]*4/1024:6.1f} MB of {tot[k]*4/1024:6.1f} MB")
